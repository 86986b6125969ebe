#include "gui/RendererChoice.h"

#include "viewer/ViewerItem.h"

#include <QByteArray>
#include <QOffscreenSurface>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QQuickWindow>
#include <QSGRendererInterface>

namespace rushes::gui {

#if !defined(Q_OS_WIN) && !defined(Q_OS_MACOS)
namespace {

// The OpenGL renderer's name, empty when there is no OpenGL (a context cannot be made).
QByteArray openGlRenderer() {
    QOffscreenSurface surface;
    surface.create();
    QOpenGLContext context;
    if (!surface.isValid() || !context.create() || !context.makeCurrent(&surface)) return {};
    const auto* name = reinterpret_cast<const char*>(context.functions()->glGetString(GL_RENDERER));
    QByteArray r = name ? QByteArray(name) : QByteArray();
    context.doneCurrent();
    return r;
}

}  // namespace
#endif

RendererChoice chooseRenderer() {
    // Whoever asked for a renderer gets it: Qt's own variables, and RUSHES_VIEWER_YUV, which picks a
    // path of the OpenGL viewer (the tests of its shader use it).
    for (const char* var : {"QT_QUICK_BACKEND", "QSG_RHI_BACKEND", "RUSHES_VIEWER_YUV"})
        if (qEnvironmentVariableIsSet(var))
            return {false, QStringLiteral("as %1 asks").arg(QLatin1String(var))};
#if defined(Q_OS_WIN) || defined(Q_OS_MACOS)
    // Qt Quick draws with Direct3D or Metal there; their software fallbacks (WARP) are not default.
    return {false, QStringLiteral("the platform's GPU API")};
#else
    // With OpenGL on a software rasteriser (Mesa's llvmpipe under Xvfb, in a VM or over a remote
    // desktop) every frame repaints the whole window through it: at 1080p24 on 2 cores the
    // rasteriser took about 0.6 of a core, and the copy of each finished frame to the X server
    // more. Qt's software renderer repaints only what changed (the picture, the playhead, a
    // few labels) and blits the picture, which the viewer converts to the size shown, unscaled.
    // A Qt Quick 3D view needs OpenGL: a window that shows one must set QSG_RHI_BACKEND=opengl.
    const QByteArray name = openGlRenderer();
    if (viewer::isSoftwareRasteriser(name)) {
        QQuickWindow::setGraphicsApi(QSGRendererInterface::Software);
        return {true, QStringLiteral("OpenGL is a software rasteriser (%1)").arg(QString::fromLatin1(name))};
    }
    return {false, name.isEmpty() ? QStringLiteral("no OpenGL context") : QString::fromLatin1(name)};
#endif
}

}  // namespace rushes::gui
