#pragma once
// `rushes --demo`: renders a small demo production on first run (the repository carries no
// media) into AppDataLocation/demo and lists its shots.
#include <QString>
#include <QStringList>

namespace rushes::viewer {

struct DemoResult {
    QStringList shots;  // paths to open, in order
    QString error;      // empty on success
};

// Makes what is missing under `dir` (quick when it is all there) and returns the shots.
DemoResult makeDemoProduction(const QString& dir);
QString defaultDemoDirectory();

}  // namespace rushes::viewer
