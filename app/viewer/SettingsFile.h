#pragma once
// The app's settings file (QSettings with the application's names: rushes.conf, the recent files).
// One that cannot be read is moved aside before anything is written over it, and the user is told:
// QSettings would otherwise write what it could parse (often nothing) in its place at the next save.
#include <QCoreApplication>
#include <QString>

namespace rushes::viewer {

class SettingsFile {
    Q_DECLARE_TR_FUNCTIONS(rushes::viewer::SettingsFile)
public:
    struct Check {
        QString path;     // the settings file (QSettings().fileName())
        QString cause;    // why it could not be read; empty when it could (or is not there yet)
        QString keptAs;   // where the unreadable file is now; empty when it was not moved
        QString message;  // for the message bar (PlayerController::showMessage); empty when all is well
    };

    // Run once at startup, after the application's names are set and before anything writes the
    // settings. A readable file (or none) is left alone. An unreadable one is renamed
    // `<name>.damaged-<yyyyMMdd-HHmmss>` beside it, so the app starts with new settings; one that cannot
    // be moved either is never written over this session (writable() is false). Never throws.
    static Check check();

    // False after check() found a file it could neither read nor move aside.
    static bool writable();
};

}  // namespace rushes::viewer
