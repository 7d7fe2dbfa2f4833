#pragma once

#include <QColor>
#include <QIcon>
#include <QPalette>

class QLabel;

// Colours that follow the system's light or dark palette.
namespace shortfuse::theme {

bool isDark(const QPalette &palette);
// For error text and the "not reachable" mark: readable on the window colour.
QColor errorColor(const QPalette &palette);
// For the "Copied" confirmation and the "reachable" mark.
QColor okColor(const QPalette &palette);
// Gives a label the error or ok colour of its own palette.
void setTextColor(QLabel *label, const QColor &color);
// The application icon, from the embedded PNGs (no SVG plugin needed).
QIcon appIcon();

} // namespace shortfuse::theme
