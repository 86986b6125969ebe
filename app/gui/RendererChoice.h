#pragma once
// Which Qt Quick scene graph renders the window: Qt's default (OpenGL, Direct3D, Metal) on a GPU,
// Qt's software renderer where the only OpenGL is a software rasteriser.
#include <QString>

namespace rushes::gui {

// The choice made and why (RUSHES_PROFILE=1 prints it).
struct RendererChoice {
    bool software = false;
    QString reason;
};

// Call once, after the QGuiApplication exists and before any window does.
RendererChoice chooseRenderer();

}  // namespace rushes::gui
