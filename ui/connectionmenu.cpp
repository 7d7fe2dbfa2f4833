#include "ui/connectionmenu.h"

#include "ui/connections.h"

#include <QAction>
#include <QActionGroup>
#include <QComboBox>
#include <QMenu>
#include <QSignalBlocker>

namespace shortfuse {

ConnectionMenu::ConnectionMenu(Connections &connections, QWidget *comboParent, QObject *parent)
    : QObject(parent)
    , m_connections(connections)
{
    // No parent widget: shared by the menu bar and the tray's menu; this object deletes it.
    m_menu = new QMenu(tr("&Server"));
    m_menu->setObjectName(QStringLiteral("serverMenu"));
    m_combo = new QComboBox(comboParent);
    m_combo->setObjectName(QStringLiteral("connectionSwitcher"));
    m_combo->setAccessibleName(tr("Server"));
    m_combo->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_add = new QAction(tr("&Add a server…"), this);
    m_add->setObjectName(QStringLiteral("addServerAction"));
    connect(m_add, &QAction::triggered, this, &ConnectionMenu::addServerRequested);
    m_remove = new QAction(tr("&Remove this server…"), this);
    m_remove->setObjectName(QStringLiteral("removeServerAction"));
    connect(m_remove, &QAction::triggered, this, &ConnectionMenu::removeServerRequested);
    connect(m_combo, &QComboBox::activated, this, [this](int index) {
        m_connections.activate(m_combo->itemData(index).toString());
    });
    connect(&m_connections, &Connections::entriesChanged, this, &ConnectionMenu::rebuild);
    connect(&m_connections, &Connections::currentChanged, this, &ConnectionMenu::rebuild);
    rebuild();
}

ConnectionMenu::~ConnectionMenu()
{
    delete m_menu;
}

void ConnectionMenu::rebuild()
{
    const QSignalBlocker blocker(m_combo);
    m_combo->clear();
    m_menu->clear();
    delete m_group;
    m_group = new QActionGroup(this);
    const QString current = m_connections.currentId();
    for (const Connections::Entry &entry : m_connections.entries()) {
        m_combo->addItem(entry.name, entry.id);
        QAction *choose = m_menu->addAction(entry.name);
        choose->setCheckable(true);
        choose->setChecked(entry.id == current);
        choose->setActionGroup(m_group);
        connect(choose, &QAction::triggered, this, [this, id = entry.id] { m_connections.activate(id); });
        if (entry.id == current)
            m_combo->setCurrentIndex(m_combo->count() - 1);
    }
    m_menu->addSeparator();
    m_menu->addAction(m_add);
    m_menu->addAction(m_remove);
    m_remove->setEnabled(m_connections.remote(current) || !current.isEmpty());
    // One server and no remotes: nothing to switch between.
    m_combo->setVisible(m_combo->count() > 1);
}

} // namespace shortfuse
