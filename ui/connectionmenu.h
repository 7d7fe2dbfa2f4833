#pragma once

#include <QObject>

class QAction;
class QActionGroup;
class QComboBox;
class QMenu;
class QWidget;

namespace shortfuse {

class Connections;

// The switcher between servers (issue 15): a "Server" menu (for the menu
// bar and the tray: every server, checkable, then "Add a server…" and
// "Remove this server…") and a combo box for the window, both following
// Connections. Owns the menu; the combo box belongs to the widget given.
class ConnectionMenu final : public QObject {
    Q_OBJECT
public:
    ConnectionMenu(Connections &connections, QWidget *comboParent, QObject *parent = nullptr);
    ~ConnectionMenu() override;

    QMenu *menu() const { return m_menu; }
    QComboBox *comboBox() const { return m_combo; }
    QAction *addServerAction() const { return m_add; }
    QAction *removeServerAction() const { return m_remove; }

Q_SIGNALS:
    void addServerRequested();
    void removeServerRequested();

private:
    void rebuild();

    Connections &m_connections;
    QMenu *m_menu = nullptr;
    QComboBox *m_combo = nullptr;
    QActionGroup *m_group = nullptr;
    QAction *m_add = nullptr;
    QAction *m_remove = nullptr;
};

} // namespace shortfuse
