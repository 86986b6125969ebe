#pragma once
// The QML modules the main window (qml/Main.qml) places, imported as the static plugins they are
// built as. Include it in one translation unit of an executable that loads Main.qml (the app, and
// tests of the whole window), linked with rushes_link_panels() (cmake/RushesTargets.cmake), which
// defines RUSHES_HAS_<module> for the optional panels that exist.
#include <QtQml/qqmlextensionplugin.h>

Q_IMPORT_QML_PLUGIN(RushesPlugin)
Q_IMPORT_QML_PLUGIN(Rushes_ViewerPlugin)
Q_IMPORT_QML_PLUGIN(Rushes_TimelinePlugin)
#ifdef RUSHES_HAS_rushes_qml_budget
Q_IMPORT_QML_PLUGIN(Rushes_BudgetPlugin)
#endif
#ifdef RUSHES_HAS_rushes_qml_notes
Q_IMPORT_QML_PLUGIN(Rushes_NotesPlugin)
#endif
#ifdef RUSHES_HAS_rushes_qml_compare
Q_IMPORT_QML_PLUGIN(Rushes_ComparePlugin)
#endif
#ifdef RUSHES_HAS_rushes_qml_process
Q_IMPORT_QML_PLUGIN(Rushes_ProcessPlugin)
#endif
