#include "viewer/ColourPipeline.h"

#include <QFile>

#include <OpenColorIO/OpenColorIO.h>

#include <atomic>
#include <cmath>
#include <sstream>

namespace OCIO = OCIO_NAMESPACE;

namespace rushes::viewer {

struct ColourPipeline::Impl {
    OCIO::ConstConfigRcPtr config;
};

namespace {
OCIO::ConstConfigRcPtr builtinConfig() {
    QFile file(QStringLiteral(":/qt/qml/Rushes/Viewer/ocio/config.ocio"));
    if (!file.open(QIODevice::ReadOnly)) return OCIO::Config::CreateRaw();
    std::istringstream text(file.readAll().toStdString());
    try {
        return OCIO::Config::CreateFromStream(text);
    } catch (const OCIO::Exception&) {
        return OCIO::Config::CreateRaw();
    }
}
}  // namespace

ColourPipeline::ColourPipeline() : d(std::make_shared<Impl>()) {
    const QByteArray env = qgetenv("OCIO");
    if (!env.isEmpty()) {
        try {
            auto config = OCIO::Config::CreateFromFile(env.constData());
            config->validate();
            d->config = config;
            m_name = QString::fromUtf8(env);
        } catch (const OCIO::Exception& e) {
            m_error = QStringLiteral("$OCIO %1: %2").arg(QString::fromUtf8(env), QString::fromUtf8(e.what()));
        }
    }
    if (!d->config) {
        d->config = builtinConfig();
        m_name = QStringLiteral("Rushes default");
    }
}

QStringList ColourPipeline::displays() const {
    QStringList out;
    for (int i = 0; i < d->config->getNumDisplays(); ++i) out << QString::fromUtf8(d->config->getDisplay(i));
    return out;
}

QStringList ColourPipeline::views(const QString& display) const {
    QStringList out;
    const QByteArray name = display.toUtf8();
    for (int i = 0; i < d->config->getNumViews(name.constData()); ++i)
        out << QString::fromUtf8(d->config->getView(name.constData(), i));
    return out;
}

QStringList ColourPipeline::colourSpaces() const {
    QStringList out;
    for (int i = 0; i < d->config->getNumColorSpaces(); ++i) out << QString::fromUtf8(d->config->getColorSpaceNameByIndex(i));
    return out;
}

QString ColourPipeline::defaultDisplay() const { return QString::fromUtf8(d->config->getDefaultDisplay()); }

QString ColourPipeline::defaultView(const QString& display) const {
    return QString::fromUtf8(d->config->getDefaultView(display.toUtf8().constData()));
}

QString ColourPipeline::inputSpaceFor(const codecs::MediaInfo& info) const {
    auto has = [&](const char* name) { return d->config->getColorSpace(name) != nullptr; };
    const bool isFloat = info.codec == "openexr" || info.codec == "exr" || info.pixelFormat.find('f') != std::string::npos;
    if (isFloat || info.colour.transfer == "linear") {
        // AP0 chromaticities (red at x 0.7347) mean ACES2065-1.
        if (info.colour.chromaticities && info.colour.chromaticities->size() >= 2 &&
            std::abs((*info.colour.chromaticities)[0] - 0.7347f) < 0.01f && has("ACES2065-1"))
            return QStringLiteral("ACES2065-1");
        if (auto cs = d->config->getColorSpace(OCIO::ROLE_SCENE_LINEAR)) return QString::fromUtf8(cs->getName());
    }
    if (auto cs = d->config->getColorSpace(OCIO::ROLE_DEFAULT)) return QString::fromUtf8(cs->getName());
    return colourSpaces().value(0);
}

DisplayLut ColourPipeline::bake(const QString& input, const QString& display, const QString& view, int size) const {
    DisplayLut lut;
    try {
        auto transform = OCIO::DisplayViewTransform::Create();
        transform->setSrc(input.toUtf8().constData());
        transform->setDisplay(display.toUtf8().constData());
        transform->setView(view.toUtf8().constData());
        auto processor = d->config->getProcessor(transform);
        if (processor->isNoOp()) return lut;
        auto cpu = processor->getDefaultCPUProcessor();
        auto space = d->config->getColorSpace(input.toUtf8().constData());
        const bool logShaper = space && space->getAllocation() == OCIO::ALLOCATION_LG2;
        lut.noOp = false;
        lut.size = size;
        lut.mode = logShaper ? 2 : 1;
        if (logShaper && space->getAllocationNumVars() >= 2) {
            float vars[3] = {-12, 6, 0};
            space->getAllocationVars(vars);
            lut.shaperMin = vars[0];
            lut.shaperMax = vars[1];
        }
        lut.rgba.resize(size_t(size) * size * size * 4);
        for (int b = 0; b < size; ++b)
            for (int g = 0; g < size; ++g)
                for (int r = 0; r < size; ++r) {
                    float v[3] = {float(r) / float(size - 1), float(g) / float(size - 1), float(b) / float(size - 1)};
                    if (logShaper)
                        for (float& x : v) x = std::exp2(lut.shaperMin + x * (lut.shaperMax - lut.shaperMin));
                    cpu->applyRGB(v);
                    float* out = &lut.rgba[((size_t(b) * size + g) * size + r) * 4];
                    out[0] = v[0];
                    out[1] = v[1];
                    out[2] = v[2];
                    out[3] = 1.0f;
                }
        // Separable when every lattice point's channel equals that channel's value on its own axis
        // (the others at their first point), to well under a 16-bit step.
        const size_t sg = size_t(size) * 4, sb = size_t(size) * size * 4;
        lut.separable = true;
        for (int b = 0; b < size && lut.separable; ++b)
            for (int g = 0; g < size && lut.separable; ++g)
                for (int r = 0; r < size; ++r) {
                    const float* out = &lut.rgba[size_t(b) * sb + size_t(g) * sg + size_t(r) * 4];
                    if (std::abs(out[0] - lut.rgba[size_t(r) * 4]) > 1e-6f ||
                        std::abs(out[1] - lut.rgba[size_t(g) * sg + 1]) > 1e-6f ||
                        std::abs(out[2] - lut.rgba[size_t(b) * sb + 2]) > 1e-6f) {
                        lut.separable = false;
                        break;
                    }
                }
        static std::atomic<quint64> serials{0};
        lut.serial = ++serials;
    } catch (const OCIO::Exception& e) {
        lut = {};
        lut.error = QString::fromUtf8(e.what());
    }
    return lut;
}

}  // namespace rushes::viewer
