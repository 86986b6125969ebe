#pragma once
// OpenColorIO display/view transforms for the viewer: loads $OCIO or the built-in config and
// bakes input -> display/view into a 3D LUT the viewer's shader applies on the GPU.
#include <QString>
#include <QStringList>

#include <vector>

#include "rushes/codecs/Media.h"

namespace rushes::viewer {

struct DisplayLut {
    bool noOp = true;        // nothing to apply: the shader skips the LUT
    int size = 0;            // lattice points per axis
    std::vector<float> rgba; // size^3 texels, red fastest, then green, then blue
    int mode = 0;            // 0 none, 1 [0,1] domain, 2 log2 shaper (scene-linear input)
    float shaperMin = -12, shaperMax = 6;
    // Each output channel depends on its own input channel alone (no matrix, no gamut mapping: an
    // sRGB or gamma view of Rec.709-primaried input): the CPU view then needs one table per channel
    // instead of a trilinear sample per pixel.
    bool separable = false;
    quint64 serial = 0;  // a new bake gets a new one (tables made from the LUT know when to remake)
    QString error;
};

class ColourPipeline {
public:
    ColourPipeline();  // $OCIO when set and valid, otherwise the built-in config

    QString configName() const { return m_name; }
    QString configError() const { return m_error; }  // why $OCIO was not used, if it was set
    QStringList displays() const;
    QStringList views(const QString& display) const;
    QStringList colourSpaces() const;
    QString defaultDisplay() const;
    QString defaultView(const QString& display) const;
    // The input space a shot's metadata implies (EXR: scene-linear, AP0 chromaticities: ACES).
    QString inputSpaceFor(const codecs::MediaInfo& info) const;

    DisplayLut bake(const QString& input, const QString& display, const QString& view, int size = 33) const;

private:
    struct Impl;
    std::shared_ptr<Impl> d;
    QString m_name, m_error;
};

}  // namespace rushes::viewer
