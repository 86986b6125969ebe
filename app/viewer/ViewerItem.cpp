#include "viewer/ViewerItem.h"

#include "viewer/YuvLayout.h"

#include <QtCore/qfloat16.h>
#include <QImage>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QPainter>
#include <QQuickWindow>
#include <QSGGeometryNode>
#include <QSGImageNode>
#include <QSGMaterial>
#include <QSGMaterialShader>
#include <QSGRenderNode>
#include <QSGRendererInterface>
#include <QSGSimpleRectNode>
#include <QSGTexture>
#include <QSGTransformNode>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrent/QtConcurrentMap>

#include <algorithm>
#if defined(__SSE2__)
#include <immintrin.h>
#endif

#include <QElapsedTimer>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace rushes::viewer {

namespace {

// RUSHES_PROFILE=1: the render thread's sync (texture creation) and sync-to-swap times on stderr.
bool profiling() {
    static const bool on = std::getenv("RUSHES_PROFILE") != nullptr;
    return on;
}
QElapsedTimer& profileClock() {
    static QElapsedTimer t = [] {
        QElapsedTimer e;
        e.start();
        return e;
    }();
    return t;
}
std::atomic<qint64> g_syncDoneNs{-1};

// Whether the scene graph draws on a software rasteriser (Mesa's llvmpipe under Xvfb or in a VM,
// a remote desktop without a GPU). There the native-YUV shader's twelve texel fetches a pixel cost
// more than the rest of playback together, while swscale converts the frame shown in 2-3 ms and a
// plain RGBA texture draws for little. RUSHES_VIEWER_YUV=cpu|gpu overrides. Render thread only
// (its GL context is current during the sync).
bool softwareRasteriser(QQuickWindow* window) {
    static std::atomic<int> known{-1};
    const int k = known.load();
    if (k >= 0) return k == 1;
    const QByteArray force = qgetenv("RUSHES_VIEWER_YUV");
    if (force == "cpu" || force == "gpu") {
        known = force == "cpu" ? 1 : 0;
        return known == 1;
    }
    if (window->rendererInterface()->graphicsApi() != QSGRendererInterface::OpenGL) {
        known = 0;  // D3D, Metal, Vulkan: a GPU (their software fallbacks are not chosen by default)
        return false;
    }
    QOpenGLContext* ctx = QOpenGLContext::currentContext();
    if (!ctx) return false;  // not known yet: ask again at the next sync
    const auto* name = reinterpret_cast<const char*>(ctx->functions()->glGetString(GL_RENDERER));
    const bool soft = isSoftwareRasteriser(name ? QByteArray(name) : QByteArray());
    known = soft ? 1 : 0;
    if (profiling())
        std::fprintf(stderr, "[profile] GL renderer %s: native YUV converted on the %s\n", name ? name : "?",
                     soft ? "CPU" : "GPU");
    return soft;
}

// The device-pixel size `data` (the data window on screen) covers, when it is smaller than the
// frame in both directions: a CPU conversion then goes straight to it. Zero otherwise.
codecs::ConvertSize sizeShown(const QRectF& data, qreal dpr, const codecs::Frame& planes) {
    const int w = int(std::lround(data.width() * dpr)), h = int(std::lround(data.height() * dpr));
    if (w > 0 && h > 0 && w < planes.width && h < planes.height) return {w, h};
    return {};
}

struct ViewParams {
    float exposureGain = 1, invGamma = 1;
    int channel = 0, lutMode = 0;
    float lutSize = 2, shaperMin = -12, shaperMax = 6;
    // Native YUV planes (see viewer.frag): the shader converts them, the CPU does not.
    int planeMode = 0, nearest = 0;
    float maxCode = 255, pad0 = 0;
    float planeSize[4] = {1, 1, 1, 1}, texSize[4] = {1, 1, 1, 1};
    float yuvRange[4] = {0, 1, 0.5f, 1}, yuvMatrix[4] = {0, 0, 0, 0};
};
static_assert(sizeof(ViewParams) == 112 - 68 + 64, "ViewParams mirrors the uniform block from offset 68");

class ViewerMaterial : public QSGMaterial {
public:
    // One material type (so one shader program) per variant of viewer.frag: bit 2 native YUV,
    // bit 1 the LUT, bit 0 exposure, gamma or channel isolation.
    int variant() const {
        const bool view = params.exposureGain != 1 || params.invGamma != 1 || params.channel != 0;
        return (params.planeMode != 0 ? 4 : 0) + (params.lutMode > 0 ? 2 : 0) + (view ? 1 : 0);
    }
    QSGMaterialType* type() const override {
        static QSGMaterialType types[8];
        return &types[variant()];
    }
    QSGMaterialShader* createShader(QSGRendererInterface::RenderMode) const override;
    int compare(const QSGMaterial* other) const override {
        return this == other ? 0 : (this < other ? -1 : 1);
    }

    QSGTexture* image = nullptr;  // RGBA, or the Y' plane
    QSGTexture* lut = nullptr;
    QSGTexture* cb = nullptr;  // colour-difference planes of native YUV frames
    QSGTexture* cr = nullptr;
    ViewParams params;
};

class ViewerShader : public QSGMaterialShader {
public:
    explicit ViewerShader(int variant) {
        setShaderFileName(VertexStage, QStringLiteral(":/rushes/shaders/viewer.vert.qsb"));
        setShaderFileName(FragmentStage, QStringLiteral(":/rushes/shaders/viewer_yuv%1_lut%2_view%3.frag.qsb")
                                             .arg((variant >> 2) & 1)
                                             .arg((variant >> 1) & 1)
                                             .arg(variant & 1));
    }
    bool updateUniformData(RenderState& state, QSGMaterial* newMaterial, QSGMaterial*) override {
        QByteArray* buf = state.uniformData();
        if (state.isMatrixDirty()) std::memcpy(buf->data(), state.combinedMatrix().constData(), 64);
        if (state.isOpacityDirty()) {
            const float o = state.opacity();
            std::memcpy(buf->data() + 64, &o, 4);
        }
        // std140: the parameters follow qt_Opacity without gaps (all 4-byte scalars, then vec4s at 112).
        const ViewParams& p = static_cast<ViewerMaterial*>(newMaterial)->params;
        if (buf->size() >= qsizetype(68 + sizeof(ViewParams)))
            std::memcpy(buf->data() + 68, &p, sizeof(ViewParams));
        return true;
    }
    void updateSampledImage(RenderState& state, int binding, QSGTexture** texture, QSGMaterial* newMaterial,
                            QSGMaterial*) override {
        auto* m = static_cast<ViewerMaterial*>(newMaterial);
        QSGTexture* t = binding == 1 ? m->image : binding == 2 ? m->lut : binding == 3 ? m->cb : m->cr;
        if (!t) t = m->image;
        if (t) t->commitTextureOperations(state.rhi(), state.resourceUpdateBatch());
        *texture = t;
    }
};

QSGMaterialShader* ViewerMaterial::createShader(QSGRendererInterface::RenderMode) const {
    return new ViewerShader(variant());
}

// The image node owns its textures and keeps the frame's pixels alive until they are uploaded.
class ImageNode : public QSGGeometryNode {
public:
    ImageNode() : m_geometry(QSGGeometry::defaultAttributes_TexturedPoint2D(), 4) {
        setGeometry(&m_geometry);
        setMaterial(&m_material);
    }
    ~ImageNode() override {
        delete m_material.image;
        delete m_material.lut;
        delete m_material.cb;
        delete m_material.cr;
    }
    ViewerMaterial m_material;
    QSGGeometry m_geometry;
    playback::FramePtr frame;
    codecs::Image converted;  // RGBA of a native frame the shader cannot (or should not) read
    bool cpuYuv = false;      // `converted` holds the frame's YUV converted on the CPU
    codecs::ConvertSize shown;  // ... at this size (0: the frame's)
    quint64 lutSerial = 0;
};

QImage wrap(const codecs::Image& img) {
    const QImage::Format format = img.format == codecs::ImageFormat::RGBAHalf    ? QImage::Format_RGBA16FPx4
                                  : img.format == codecs::ImageFormat::RGBAFloat ? QImage::Format_RGBA32FPx4
                                  : img.format == codecs::ImageFormat::RGBA16
                                      ? QImage::Format_RGBA64
                                      // RGBX: uploaded as it is. Qt converts RGBA8888 to premultiplied
                                      // first, a full pass over the frame on the render thread.
                                      : QImage::Format_RGBX8888;
    return QImage(img.data.data(), img.width, img.height, qsizetype(img.rowBytes()), format);
}

// A plane of a native frame as an RGBA texel image over its bytes (no copy): four 8-bit or two
// 16-bit samples a texel. Null when its rows do not fill whole texels.
QImage packedPlane(const codecs::Plane& p) {
    const qsizetype rowBytes = qsizetype(p.width) * p.bytesPerSample * p.samplesPerPixel;
    if (rowBytes % 4 != 0 || qsizetype(p.data.size()) < rowBytes * p.height) return {};
    return QImage(p.data.data(), int(rowBytes / 4), p.height, rowBytes, QImage::Format_RGBX8888);
}

// The software scene graph (software rasterisers, QT_QPA_PLATFORM=offscreen without OpenGL) has no
// custom shaders: the same view transform runs on the CPU into an 8-bit image.
//
// Exposure and gamma act on each channel alone, so for integer and half-float input they are one
// table over every input code (256 levels, or 65,536 16-bit or half-float patterns), kept while
// the settings stay the same: a pixel then costs three lookups, into a buffer kept from frame to
// frame. Measured on 1080p24 10-bit ProRes at exposure +1 (20 s, Xvfb, 2 cores): 1.40 cores and no
// frame late, against 1.56 cores and 38 frames a period late with half floats, the table rebuilt
// every frame and a fresh output image each frame.
struct ViewTables {
    codecs::ImageFormat format = codecs::ImageFormat::RGBAFloat;  // RGBAFloat: none built
    float gain = 0, invGamma = 0;
    std::vector<float> raw;     // code -> value as stored
    std::vector<float> value;   // code -> value after exposure and gamma
    std::vector<uint8_t> byte;  // ... as the 8-bit output
    // code -> where its value falls on a display LUT's axis (exposure, shaper), for the LUT below;
    // empty until asked for with these settings
    std::vector<float> lattice;
    int latticeMode = 0, latticeSize = 0;
    float shaperMin = 0, shaperMax = 0;
    // A separable LUT: code -> 8-bit output, per channel, through the lattice above, the LUT and
    // gamma; made for the LUT of this serial (0: none)
    std::vector<uint8_t> lutByte[3];
    quint64 lutSerial = 0;
};

float rawValue(codecs::ImageFormat format, uint16_t code) {
    switch (format) {
        case codecs::ImageFormat::RGBA8:
            return float(code) / 255.0f;
        case codecs::ImageFormat::RGBA16:
            return float(code) / 65535.0f;
        case codecs::ImageFormat::RGBAHalf: {
            qfloat16 h;
            std::memcpy(static_cast<void*>(&h), &code, 2);
            return float(h);
        }
        case codecs::ImageFormat::RGBAFloat:
            break;
    }
    return 0;
}

float exposeAndGamma(float v, const ViewParams& p) {
    v *= p.exposureGain;
    return v > 0 ? std::pow(v, p.invGamma) : 0.0f;  // NaN and negatives: black
}

uint8_t toByte(float v) {
    return uint8_t(std::clamp(v, 0.0f, 1.0f) * 255.0f + 0.5f);
}

ViewTables& viewTables(codecs::ImageFormat format, const ViewParams& p) {
    static thread_local ViewTables t;
    if (t.format == format && t.gain == p.exposureGain && t.invGamma == p.invGamma) return t;
    t.lattice.clear();
    t.lutSerial = 0;
    const size_t codes = format == codecs::ImageFormat::RGBA8 ? 256 : 65536;
    t.raw.resize(codes);
    t.value.resize(codes);
    t.byte.resize(codes);
    for (size_t c = 0; c < codes; ++c) {
        t.raw[c] = rawValue(format, uint16_t(c));
        t.value[c] = exposeAndGamma(t.raw[c], p);
        t.byte[c] = toByte(t.value[c]);
    }
    t.format = format;
    t.gain = p.exposureGain;
    t.invGamma = p.invGamma;
    return t;
}

// Runs rows(y0, y1) over bands of [0, height), the calling thread taking one: a 1080p frame through
// a 3D LUT is ~2 million trilinear samples, ~60 ms on one core of the 2-core machine.
template <class Rows>
void forRows(int height, int width, const Rows& rows) {
    // A pool of the viewer's own: in the global one, the GUI thread would wait behind whatever
    // else runs there (the budget's risk simulation).
    static QThreadPool* pool = [] {
        auto* p = new QThreadPool;
        p->setMaxThreadCount(std::clamp(QThread::idealThreadCount() - 1, 1, 7));
        return p;
    }();
    const int bands = width * height >= (1 << 18) ? pool->maxThreadCount() + 1 : 1;
    if (bands == 1) {
        rows(0, height);
        return;
    }
    std::vector<std::pair<int, int>> others;
    for (int b = 1; b < bands; ++b) others.emplace_back(height * b / bands, height * (b + 1) / bands);
    QFuture<void> done = QtConcurrent::map(
        pool, others, [&rows](const std::pair<int, int>& band) { rows(band.first, band.second); });
    rows(0, others.front().first);
    done.waitForFinished();
}

// Writes the view of `img` into `out` (RGBA8888, reallocated only when its size changes).
void softwareView(const codecs::Image& img, const ViewParams& p, const DisplayLut& lut, QImage& out) {
    if (out.width() != img.width || out.height() != img.height || out.format() != QImage::Format_RGBA8888)
        out = QImage(img.width, img.height, QImage::Format_RGBA8888);
    // Rows are written from several threads: the image detaches here, once, not in scanLine().
    uint8_t* const outBits = out.bits();
    const size_t outStride = size_t(out.bytesPerLine());
    const codecs::ImageFormat format = img.format;
    if (format == codecs::ImageFormat::RGBA8 && p.exposureGain == 1.0f && p.invGamma == 1.0f &&
        p.channel == 0 && p.lutMode == 0) {
        for (int y = 0; y < img.height; ++y)
            std::memcpy(out.scanLine(y), img.data.data() + img.rowBytes() * y, img.rowBytes());
        return;
    }
    const bool floats = format == codecs::ImageFormat::RGBAFloat;
    const int bytesPerChannel = img.bytesPerChannel();
    const int bytesPerPixel = 4 * bytesPerChannel;
    auto code = [bytesPerChannel](const uint8_t* px, int k) -> uint16_t {
        if (bytesPerChannel == 1) return px[k];
        uint16_t v;
        std::memcpy(&v, px + 2 * k, 2);
        return v;
    };
    auto raw = [&](const uint8_t* px, int k) {
        if (!floats) return rawValue(format, code(px, k));
        float v;
        std::memcpy(&v, px + 4 * k, 4);
        return v;
    };
    auto channelAndStore = [&p](float c[4], uint8_t* dst) {
        if (p.channel >= 1 && p.channel <= 4)
            c[0] = c[1] = c[2] = c[p.channel - 1];
        else if (p.channel == 5)
            c[0] = c[1] = c[2] = 0.2126f * c[0] + 0.7152f * c[1] + 0.0722f * c[2];
        for (int k = 0; k < 3; ++k) dst[k] = toByte(c[k]);
        dst[3] = 255;
    };
    // Each output byte one lookup, from a table over the codes of the channel it shows (R, G and B,
    // or the one isolated three times): per-channel views of integer and half-float frames.
    const int k0 = p.channel == 0 ? 0 : p.channel - 1;
    const int k1 = p.channel == 0 ? 1 : k0, k2 = p.channel == 0 ? 2 : k0;
    auto lookUp = [&](const uint8_t* b0, const uint8_t* b1, const uint8_t* b2) {
        forRows(img.height, img.width, [&](int y0, int y1) {
            for (int y = y0; y < y1; ++y) {
                const uint8_t* src = img.data.data() + img.rowBytes() * y;
                uint8_t* dst = outBits + size_t(y) * outStride;
                for (int x = 0; x < img.width; ++x, src += bytesPerPixel, dst += 4) {
                    dst[0] = b0[code(src, k0)];
                    dst[1] = b1[code(src, k1)];
                    dst[2] = b2[code(src, k2)];
                    dst[3] = 255;
                }
            }
        });
    };
    if (p.lutMode == 0 && !floats) {
        const ViewTables& t = viewTables(format, p);
        if (p.channel <= 3) {  // exposure and gamma alone: the same table for every channel
            lookUp(t.byte.data(), t.byte.data(), t.byte.data());
            return;
        }
        forRows(img.height, img.width, [&](int y0, int y1) {
            for (int y = y0; y < y1; ++y) {  // alpha (shown as stored) or luma
                const uint8_t* src = img.data.data() + img.rowBytes() * y;
                uint8_t* dst = outBits + size_t(y) * outStride;
                for (int x = 0; x < img.width; ++x, src += bytesPerPixel, dst += 4) {
                    float c[4] = {t.value[code(src, 0)], t.value[code(src, 1)], t.value[code(src, 2)],
                                  t.raw[code(src, 3)]};
                    channelAndStore(c, dst);
                }
            }
        });
        return;
    }
    const int n = lut.size;
    const bool useLut = p.lutMode > 0 && n > 1;
    const bool gamma = p.invGamma != 1.0f;
    // Where a value falls on the LUT's axis, in lattice units: exposure, then the shaper.
    auto latticeAt = [&](float x) {
        x *= p.exposureGain;
        if (p.lutMode == 2) x = (std::log2(std::max(x, 1e-7f)) - p.shaperMin) / (p.shaperMax - p.shaperMin);
        return (x > 0 ? std::min(x, 1.0f) : 0.0f) * float(n - 1);  // NaN: 0
    };
    // For integer and half-float input that is a table over the codes too, kept with the other
    // tables while the settings and the LUT's axis stay (65,536 entries against 6 million lookups
    // at 1080p): no log2 per pixel.
    const float* lattice = nullptr;
    if (useLut && !floats) {
        ViewTables& t = viewTables(format, p);
        if (t.lattice.empty() || t.latticeMode != p.lutMode || t.latticeSize != n ||
            t.shaperMin != p.shaperMin || t.shaperMax != p.shaperMax) {
            t.lattice.resize(t.raw.size());
            for (size_t c = 0; c < t.raw.size(); ++c) t.lattice[c] = latticeAt(t.raw[c]);
            t.lutSerial = 0;
            t.latticeMode = p.lutMode;
            t.latticeSize = n;
            t.shaperMin = p.shaperMin;
            t.shaperMax = p.shaperMax;
        }
        lattice = t.lattice.data();
        if (lut.separable && p.channel <= 3) {
            // One lookup an output byte, as without a LUT: the LUT along each channel's own axis
            // (the same as the trilinear sample, the other coordinates not mattering), then gamma.
            if (t.lutSerial != lut.serial) {
                const size_t axisStride[3] = {4, size_t(n) * 4, size_t(n) * size_t(n) * 4};
                for (int ch = 0; ch < 3; ++ch) {
                    t.lutByte[ch].resize(t.raw.size());
                    for (size_t c = 0; c < t.raw.size(); ++c) {
                        const float v = t.lattice[c];
                        const int i = std::min(int(v), n - 2);
                        const float f = v - float(i);
                        const float a = lut.rgba[size_t(i) * axisStride[ch] + size_t(ch)];
                        const float b = lut.rgba[size_t(i + 1) * axisStride[ch] + size_t(ch)];
                        float value = a + (b - a) * f;
                        value =
                            value > 0 ? (gamma ? std::pow(value, p.invGamma) : value) : 0.0f;  // NaN: black
                        t.lutByte[ch][c] = toByte(value);
                    }
                }
                t.lutSerial = lut.serial;
            }
            lookUp(t.lutByte[k0].data(), t.lutByte[k1].data(), t.lutByte[k2].data());
            return;
        }
    }
    // Trilinear sample of the LUT at lattice coordinates v, the three channels at once.
    // Each lattice point is four floats (RGBA), so with SSE one lerp does all channels: 7 vector
    // lerps a pixel instead of 21 scalar ones (this sample was 2/3 of the CPU time of a 1080p ACES
    // EXR played on the software path).
    auto sampleLut = [&](const float v[3], float c[3]) {
        const int r = std::min(int(v[0]), n - 2), g = std::min(int(v[1]), n - 2),
                  b = std::min(int(v[2]), n - 2);
        const float fr = v[0] - float(r), fg = v[1] - float(g), fb = v[2] - float(b);
        const size_t sr = 4, sg = size_t(n) * 4, sb = size_t(n) * size_t(n) * 4;
        const float* p000 = lut.rgba.data() + size_t(b) * sb + size_t(g) * sg + size_t(r) * sr;
#if defined(__SSE2__)
        auto lerp = [](__m128 a, __m128 b, __m128 t) {
            return _mm_add_ps(a, _mm_mul_ps(_mm_sub_ps(b, a), t));
        };
        const __m128 tr = _mm_set1_ps(fr), tg = _mm_set1_ps(fg), tb = _mm_set1_ps(fb);
        const __m128 x00 = lerp(_mm_loadu_ps(p000), _mm_loadu_ps(p000 + sr), tr);
        const __m128 x10 = lerp(_mm_loadu_ps(p000 + sg), _mm_loadu_ps(p000 + sg + sr), tr);
        const __m128 x01 = lerp(_mm_loadu_ps(p000 + sb), _mm_loadu_ps(p000 + sb + sr), tr);
        const __m128 x11 = lerp(_mm_loadu_ps(p000 + sb + sg), _mm_loadu_ps(p000 + sb + sg + sr), tr);
        alignas(16) float z[4];
        _mm_store_ps(z, lerp(lerp(x00, x10, tg), lerp(x01, x11, tg), tb));
        c[0] = z[0];
        c[1] = z[1];
        c[2] = z[2];
#else
        for (int ch = 0; ch < 3; ++ch) {
            const float* q = p000 + ch;
            const float c00 = q[0] + (q[sr] - q[0]) * fr, c10 = q[sg] + (q[sg + sr] - q[sg]) * fr;
            const float c01 = q[sb] + (q[sb + sr] - q[sb]) * fr,
                        c11 = q[sb + sg] + (q[sb + sg + sr] - q[sb + sg]) * fr;
            const float lo = c00 + (c10 - c00) * fg, hi = c01 + (c11 - c01) * fg;
            c[ch] = lo + (hi - lo) * fb;
        }
#endif
    };
    forRows(img.height, img.width, [&](int y0, int y1) {
        for (int y = y0; y < y1; ++y) {
            const uint8_t* src = img.data.data() + img.rowBytes() * y;
            uint8_t* dst = outBits + size_t(y) * outStride;
            for (int x = 0; x < img.width; ++x, src += bytesPerPixel, dst += 4) {
                float c[4];
                c[3] = raw(src, 3);
                if (useLut) {
                    float v[3];
                    for (int k = 0; k < 3; ++k)
                        v[k] = floats ? latticeAt(raw(src, k)) : lattice[code(src, k)];
                    sampleLut(v, c);
                } else {
                    for (int k = 0; k < 3; ++k) c[k] = raw(src, k) * p.exposureGain;
                }
                if (gamma)
                    for (int k = 0; k < 3; ++k) c[k] = c[k] > 0 ? std::pow(c[k], p.invGamma) : 0.0f;
                else
                    for (int k = 0; k < 3; ++k) c[k] = c[k] > 0 ? c[k] : 0.0f;  // NaN and negatives: black
                channelAndStore(c, dst);
            }
        }
    });
}

// The picture on the software scene graph: a render node that draws its image with the renderer's
// own QPainter, straight from the buffer it was converted into. An image node would copy every
// frame into a fresh pixmap (createTextureFromImage): 5.8 MB of new memory a frame at 1600x900,
// each page of it faulted in on the GUI thread.
class SoftwarePictureNode : public QSGRenderNode {
public:
    explicit SoftwarePictureNode(QQuickWindow* window) : m_window(window) {}
    QImage image;        // over the node's kept buffer, or the view transform's output
    QRectF target;       // where it is drawn, in item coordinates
    bool smooth = true;  // filtered when scaled
    void render(const RenderState* state) override {
        auto* painter = static_cast<QPainter*>(
            m_window->rendererInterface()->getResource(m_window, QSGRendererInterface::PainterResource));
        if (!painter || image.isNull()) return;
        const QRegion* clip = state->clipRegion();
        if (clip && !clip->isEmpty()) painter->setClipRegion(*clip, Qt::ReplaceClip);  // before the transform
        painter->setTransform(matrix()->toTransform());
        painter->setOpacity(inheritedOpacity());
        painter->setRenderHint(QPainter::SmoothPixmapTransform, smooth);
        painter->drawImage(target, image);
    }
    StateFlags changedStates() const override { return {}; }
    RenderingFlags flags() const override {
        return image.hasAlphaChannel() ? BoundedRectRendering : BoundedRectRendering | OpaqueRendering;
    }
    QRectF rect() const override { return target; }

private:
    QQuickWindow* m_window;
};

// The picture's node on the software scene graph, with the frame and settings it shows.
class SoftwareImageNode : public QSGNode {
public:
    SoftwarePictureNode* image = nullptr;
    playback::FramePtr frame;
    QByteArray settings;
    codecs::Image converted;    // a native frame converted on the CPU, its buffer kept from frame to frame
    codecs::ConvertSize shown;  // ... asked at this size (0: the frame's)
    bool unscaled = false;      // `converted` is the size shown: drawn 1:1
    QImage view;                // the view transform's output, its buffer kept from frame to frame
};

}  // namespace

bool isSoftwareRasteriser(const QByteArray& glRenderer) {
    const QByteArray r = glRenderer.toLower();
    return r.contains("llvmpipe") || r.contains("softpipe") || r.contains("swrast") || r.contains("software");
}

ViewerItem::ViewerItem(QQuickItem* parent) : QQuickItem(parent) {
    setFlag(ItemHasContents, true);
    setClip(true);
}

void ViewerItem::setPlayer(PlayerController* player) {
    if (m_player == player) return;
    if (m_player) disconnect(m_player, nullptr, this, nullptr);
    m_player = player;
    if (m_player) {
        connect(m_player, &PlayerController::displayedChanged, this, [this] {
            const QRectF data = layout().data;
            if (data != m_lastData) {
                m_lastData = data;
                emit transformChanged();
            }
            update();
        });
        connect(m_player, &PlayerController::viewChanged, this, &QQuickItem::update);
        connect(m_player, &PlayerController::colourChanged, this, &QQuickItem::update);
        connect(m_player, &PlayerController::shotChanged, this, [this] {
            emit transformChanged();
            update();
        });
    }
    emit playerChanged();
    update();
}

void ViewerItem::itemChange(ItemChange change, const ItemChangeData& value) {
    if (change == ItemSceneChange) {
        disconnect(m_swapConnection);
        if (value.window)
            m_swapConnection = connect(value.window, &QQuickWindow::frameSwapped, this,
                                       &ViewerItem::frameSwapped, Qt::QueuedConnection);
    }
    QQuickItem::itemChange(change, value);
}

void ViewerItem::frameSwapped() {
    const qint64 shown = m_uploaded.load();
    if (profiling() && shown != m_reported) {
        const qint64 sync = g_syncDoneNs.load();
        std::fprintf(stderr, "[profile] frame %lld on screen %.1f ms after its sync\n", qlonglong(shown),
                     sync >= 0 ? double(profileClock().nsecsElapsed() - sync) / 1e6 : -1.0);
    }
    if (shown >= 0 && shown != m_reported && m_player) {
        m_reported = shown;
        m_player->notePresented(shown);
    }
}

void ViewerItem::setFitToView(bool fit) {
    if (fit == m_fit && (!fit || m_pan.isNull())) return;
    if (!fit) m_zoom = zoom();
    m_fit = fit;
    if (fit) m_pan = {};
    emit transformChanged();
    update();
}

ViewerItem::Layout ViewerItem::layout() const {
    Layout l;
    const codecs::MediaInfo* info = m_player ? m_player->mediaInfo() : nullptr;
    if (!info) return l;
    const codecs::Rect disp =
        info->displayWindow.width > 0 ? info->displayWindow : codecs::Rect{0, 0, info->width, info->height};
    codecs::Rect data = info->dataWindow.width > 0 ? info->dataWindow
                                                   : codecs::Rect{disp.x, disp.y, info->width, info->height};
    // The frame on screen knows its own data window: an EXR sequence's may move from frame to frame.
    if (const playback::FramePtr frame = m_player->displayedFrame()) {
        const codecs::Rect own =
            frame->image.dataWindow.width > 0 ? frame->image.dataWindow : frame->planes.dataWindow;
        if (own.width > 0 && own.height > 0) data = own;
    }
    l.pixelAspect = info->pixelAspect.valid() ? info->pixelAspect.toDouble() : 1.0;
    const double dw = disp.width * l.pixelAspect, dh = disp.height;
    if (dw <= 0 || dh <= 0) return l;
    l.scale = m_fit ? std::min(width() / dw, height() / dh) : m_zoom;
    const QPointF centre = QPointF(width() / 2, height() / 2) + (m_fit ? QPointF() : m_pan);
    l.display =
        QRectF(centre.x() - dw * l.scale / 2, centre.y() - dh * l.scale / 2, dw * l.scale, dh * l.scale);
    l.data = QRectF(l.display.x() + (data.x - disp.x) * l.pixelAspect * l.scale,
                    l.display.y() + (data.y - disp.y) * l.scale, data.width * l.pixelAspect * l.scale,
                    data.height * l.scale);
    return l;
}

double ViewerItem::zoom() const {
    return layout().scale;
}
QRectF ViewerItem::imageRect() const {
    return layout().data;
}
QRectF ViewerItem::displayRect() const {
    return layout().display;
}

void ViewerItem::setZoomAbout(double zoom, double x, double y) {
    const Layout before = layout();
    if (before.display.isEmpty()) return;
    zoom = std::clamp(zoom, 1.0 / 64, 64.0);
    // Keep the image point under (x, y) where it is.
    const QPointF centre = before.display.center();
    const QPointF fromCentre = (QPointF(x, y) - centre) / before.scale;
    const QPointF newCentre = QPointF(x, y) - fromCentre * zoom;
    m_fit = false;
    m_zoom = zoom;
    m_pan = newCentre - QPointF(width() / 2, height() / 2);
    emit transformChanged();
    update();
}

void ViewerItem::panBy(double dx, double dy) {
    if (m_fit) {
        m_zoom = zoom();
        m_fit = false;
    }
    m_pan += QPointF(dx, dy);
    emit transformChanged();
    update();
}

QPointF ViewerItem::imagePointAt(double x, double y) const {
    const Layout l = layout();
    if (l.data.isEmpty()) return {-1, -1};
    return {(x - l.data.x()) / (l.scale * l.pixelAspect), (y - l.data.y()) / l.scale};
}

void ViewerItem::geometryChange(const QRectF& newGeometry, const QRectF& oldGeometry) {
    QQuickItem::geometryChange(newGeometry, oldGeometry);
    emit transformChanged();
    update();
}

QSGNode* ViewerItem::updatePaintNode(QSGNode* old, UpdatePaintNodeData* data) {
    if (!profiling()) return syncNode(old, data);
    const qint64 t0 = profileClock().nsecsElapsed();
    QSGNode* n = syncNode(old, data);
    const qint64 t1 = profileClock().nsecsElapsed();
    g_syncDoneNs = t1;
    std::fprintf(stderr, "[profile] sync frame %lld %.1f ms\n", qlonglong(m_uploaded.load()),
                 double(t1 - t0) / 1e6);
    return n;
}

QSGNode* ViewerItem::syncNode(QSGNode* old, UpdatePaintNodeData*) {
    // Node layout: a root with [display-window outline (4 rects)], then the image node.
    // The root is an (identity) transform node, not a plain one: the software scene graph gives a
    // node added later the transform and clip it recorded for the node's parent, and it records
    // them only for transform, clip and opacity nodes. Under a plain root, an image node attached
    // after the first sync was drawn untransformed and unclipped (over the toolbar, 38 px high).
    QSGNode* root = old ? old : new QSGTransformNode;
    if (!old) {
        for (int i = 0; i < 4; ++i)
            root->appendChildNode(new QSGSimpleRectNode(QRectF(), QColor(255, 255, 255, 70)));
    }
    const Layout l = layout();
    const playback::FramePtr frame = m_player ? m_player->displayedFrame() : nullptr;
    const bool drawable = frame && frame->hasPixels() && !l.data.isEmpty();

    // The display window's outline, when the data window differs from it (EXR overscan or crop).
    QSGNode* child = root->firstChild();
    const bool outline = drawable && l.display != l.data;
    const QRectF d = l.display;
    const QRectF edges[4] = {{d.x(), d.y(), d.width(), 1},
                             {d.x(), d.bottom() - 1, d.width(), 1},
                             {d.x(), d.y(), 1, d.height()},
                             {d.right() - 1, d.y(), 1, d.height()}};
    for (int i = 0; i < 4; ++i, child = child->nextSibling())
        static_cast<QSGSimpleRectNode*>(child)->setRect(outline ? edges[i] : QRectF());

    static const DisplayLut kNoLut;
    const DisplayLut& lutRef = m_player ? m_player->displayLut() : kNoLut;
    ViewParams params;
    if (m_player) {
        params.exposureGain = float(std::exp2(m_player->exposure()));
        params.invGamma = float(1.0 / m_player->gamma());
        params.channel = m_player->channel();
        params.lutMode = lutRef.noOp ? 0 : lutRef.mode;
        params.lutSize = float(lutRef.size);
        params.shaperMin = lutRef.shaperMin;
        params.shaperMax = lutRef.shaperMax;
    }
    if (window()->rendererInterface()->graphicsApi() == QSGRendererInterface::Software) {
        auto* soft = static_cast<SoftwareImageNode*>(child);
        if (!drawable) {
            if (soft) {
                root->removeChildNode(soft);
                delete soft;
            }
            m_uploaded = frame ? frame->index : -1;
            QMetaObject::invokeMethod(this, &ViewerItem::frameSwapped, Qt::QueuedConnection);
            return root;
        }
        const QByteArray settings =
            QByteArray::number(m_player->exposure()) + ' ' + QByteArray::number(m_player->gamma()) + ' ' +
            QByteArray::number(params.channel) + ' ' + QByteArray::number(m_player->lutSerial());
        const bool fresh = !soft;
        if (fresh) {
            soft = new SoftwareImageNode;
            soft->image = new SoftwarePictureNode(window());
        }
        // Native frames: swscale converts into the node's kept buffer, when the picture is smaller
        // than the frame straight to the size shown, so that the renderer blits the image 1:1
        // instead of scaling a full frame with smoothing, and the view transform (per pixel, as in
        // the shader, after the filtering) touches only the pixels shown. The renderer repaints
        // only the picture's rectangle (the software scene graph updates dirty regions).
        const bool identity = params.exposureGain == 1.0f && params.invGamma == 1.0f && params.channel == 0 &&
                              params.lutMode == 0;
        const codecs::MediaInfo* info = m_player->mediaInfo();
        const bool planes = frame->image.data.empty() && !frame->planes.planes.empty() && info;
        const qreal dpr = window()->effectiveDevicePixelRatio();
        const codecs::ConvertSize shown =
            planes ? sizeShown(l.data, dpr, frame->planes) : codecs::ConvertSize{};
        // Whole device pixels, so the blit needs no filtering.
        const QRectF rect(std::round(l.data.x() * dpr) / dpr, std::round(l.data.y() * dpr) / dpr,
                          shown.width / dpr, shown.height / dpr);
        // Deeper than 8 bits under exposure or gamma: 16 bits a channel, so that a stop down brings
        // back what 8 bits would have clipped (the shader path keeps such sources in 16 bits too).
        // swscale's integer output clips at 1.0 either way; half floats cost a conversion more.
        codecs::ImageFormat format = codecs::ImageFormat::RGBA8;
        if (planes && !identity) {
            const auto yuv = yuvLayout(frame->planes.pixelFormat, *info);
            if (!yuv || yuv->bits > 8) format = codecs::ImageFormat::RGBA16;
        }
        if (fresh || soft->frame != frame || soft->settings != settings || soft->shown.width != shown.width ||
            soft->shown.height != shown.height) {
            soft->frame = frame;
            soft->settings = settings;
            soft->shown = shown;
            soft->unscaled = false;
            // The node lets go of its image first, so that the kept view buffer is written in place
            // (a QImage shared with the node would be copied on write).
            soft->image->image = QImage();
            QImage shownImage;
            if (planes && codecs::convertFrameInto(frame->planes, *info, format, soft->converted, shown)) {
                // Float layouts convert at their own size whatever was asked.
                soft->unscaled = shown.width > 0 && soft->converted.width == shown.width &&
                                 soft->converted.height == shown.height;
                if (identity && format == codecs::ImageFormat::RGBA8) {
                    shownImage = wrap(soft->converted);  // drawn from the kept buffer, no copy
                } else {
                    softwareView(soft->converted, params, lutRef, soft->view);
                    shownImage = soft->view;
                }
            } else {
                softwareView(frame->image, params, lutRef, soft->view);
                shownImage = soft->view;
            }
            soft->image->image = shownImage;
            soft->image->markDirty(QSGNode::DirtyMaterial);
        }
        const bool smooth = !(soft->unscaled || l.scale >= 1.5);
        const QRectF target = soft->unscaled ? rect : l.data;
        if (smooth != soft->image->smooth || target != soft->image->target) {
            soft->image->smooth = smooth;
            soft->image->target = target;
            soft->image->markDirty(QSGNode::DirtyMaterial);
        }
        if (fresh) {  // attach only once it has an image: the software renderer reads it at once
            soft->appendChildNode(soft->image);
            root->appendChildNode(soft);
        }
        m_uploaded = frame->index;
        // The software loop has no frameSwapped: it renders right after this sync.
        QMetaObject::invokeMethod(this, &ViewerItem::frameSwapped, Qt::QueuedConnection);
        return root;
    }
    auto* node = static_cast<ImageNode*>(child);
    if (!drawable) {
        if (node) {
            root->removeChildNode(node);
            delete node;
        }
        m_uploaded = frame ? frame->index : -1;
        return root;
    }
    if (!node) {
        node = new ImageNode;
        root->appendChildNode(node);
    }
    const bool nearest = l.scale >= 1.5;  // pixel peeping: show pixels, not a blur
    const codecs::MediaInfo* info = m_player->mediaInfo();
    // On a software rasteriser native YUV is converted to RGBA8 here, for the frame shown only.
    // Sources deeper than 8 bits keep the shader (and their precision) while exposure or gamma
    // are off their identities.
    bool cpuYuv = false;
    if (!frame->planes.planes.empty() && info && softwareRasteriser(window())) {
        const auto yuv = yuvLayout(frame->planes.pixelFormat, *info);
        const bool identityView = m_player->exposure() == 0 && m_player->gamma() == 1;
        cpuYuv = yuv && (yuv->bits <= 8 || identityView);
    }
    // Smaller on screen than the frame: converted straight to the size shown (at a 1080p frame's
    // usual fit, a third of the pixels to convert, upload and sample).
    const codecs::ConvertSize shown =
        cpuYuv ? sizeShown(l.data, window()->effectiveDevicePixelRatio(), frame->planes)
               : codecs::ConvertSize{};
    // Half-float frames (EXR, and integer sources deeper than 8 bits: see cacheSourceFor): Qt 6.4's
    // createTextureFromImage uploads every image at 8 bits a channel, which clipped scene-linear
    // values at 1.0 before exposure and the display LUT could act (highlights turned grey at 246
    // of 255 and could not be brought back by a stop down). They go up packed, two RGBA8 texels a
    // pixel, and the shader decodes them (planeMode 3). The player caches no 32-bit float frames.
    const bool halfFrame = !frame->image.data.empty() &&
                           frame->image.format == codecs::ImageFormat::RGBAHalf && frame->image.width > 0 &&
                           frame->image.height > 0;
    if (node->frame != frame || node->cpuYuv != cpuYuv ||
        (cpuYuv && (node->shown.width != shown.width || node->shown.height != shown.height))) {
        ViewerMaterial& m = node->m_material;
        delete m.image;
        delete m.cb;
        delete m.cr;
        m.image = m.cb = m.cr = nullptr;
        m.params.planeMode = 0;
        node->frame = frame;  // keeps the pixels alive for the upload
        node->cpuYuv = false;
        node->shown = shown;
        if (halfFrame) {
            const codecs::Image& im = frame->image;
            m.image = window()->createTextureFromImage(QImage(
                im.data.data(), im.width * 2, im.height, qsizetype(im.rowBytes()), QImage::Format_RGBX8888));
            m.params.planeMode = 3;
            const float size[4] = {float(im.width), float(im.height), float(im.width), float(im.height)};
            std::memcpy(m.params.planeSize, size, sizeof size);
        } else if (cpuYuv && codecs::convertFrameInto(frame->planes, *info, codecs::ImageFormat::RGBA8,
                                                      node->converted, shown)) {
            node->cpuYuv = true;  // `converted` keeps its buffer from frame to frame
        } else if (!frame->planes.planes.empty() && info) {
            const auto yuv = yuvLayout(frame->planes.pixelFormat, *info);
            const auto& pl = frame->planes.planes;
            QImage y, cb, cr;
            if (yuv && pl.size() >= 3) {
                y = packedPlane(pl[0]);
                cb = packedPlane(pl[1]);
                cr = packedPlane(pl[2]);
            }
            if (!y.isNull() && !cb.isNull() && !cr.isNull()) {
                node->converted = {};
                m.image = window()->createTextureFromImage(y);
                m.cb = window()->createTextureFromImage(cb);
                m.cr = window()->createTextureFromImage(cr);
                ViewParams& p = m.params;
                p.planeMode = yuv->bits > 8 ? 2 : 1;
                p.maxCode = yuv->maxCode;
                const float planeSize[4] = {float(pl[0].width), float(pl[0].height), float(pl[1].width),
                                            float(pl[1].height)};
                const float texSize[4] = {float(y.width()), float(y.height()), float(cb.width()),
                                          float(cb.height())};
                const float range[4] = {yuv->yOffset, yuv->yScale, yuv->cOffset, yuv->cScale};
                const float matrix[4] = {yuv->rCr, yuv->gCb, yuv->gCr, yuv->bCb};
                std::memcpy(p.planeSize, planeSize, sizeof planeSize);
                std::memcpy(p.texSize, texSize, sizeof texSize);
                std::memcpy(p.yuvRange, range, sizeof range);
                std::memcpy(p.yuvMatrix, matrix, sizeof matrix);
            } else if (!codecs::convertFrameInto(frame->planes, *info, codecs::ImageFormat::RGBA8,
                                                 node->converted)) {  // a layout the shader does not read
                node->converted = {};
            }
        } else {
            node->converted = {};
        }
        if (frame->image.data.empty() && node->converted.data.empty() && !m.cb) {
            node->converted = {};  // a black pixel: something to draw
            node->converted.width = node->converted.height = 1;
            node->converted.data = {0, 0, 0, 255};
        }
        if (!m.image)
            m.image = window()->createTextureFromImage(
                wrap(frame->image.data.empty() ? node->converted : frame->image));
        node->markDirty(QSGNode::DirtyMaterial);
    }
    // Packed planes and half floats are read texel by texel: the shader filters them itself.
    const bool packed = node->m_material.params.planeMode != 0;
    node->m_material.image->setFiltering(nearest || packed ? QSGTexture::Nearest : QSGTexture::Linear);
    if (node->m_material.cb) node->m_material.cb->setFiltering(QSGTexture::Nearest);
    if (node->m_material.cr) node->m_material.cr->setFiltering(QSGTexture::Nearest);
    node->m_material.params.nearest = nearest ? 1 : 0;
    if (node->lutSerial != m_player->lutSerial()) {
        node->lutSerial = m_player->lutSerial();
        delete node->m_material.lut;
        node->m_material.lut = nullptr;
        const DisplayLut& lut = m_player->displayLut();
        if (!lut.noOp && lut.size > 1) {
            // Half floats packed two texels a lattice point (the shader decodes and interpolates
            // them): an 8-bit texture, all Qt 6.4 uploads, clipped the lattice at 1.0, which cost up
            // to 9 levels just below the clip.
            const int n = lut.size;
            QImage img(2 * n * n, n, QImage::Format_RGBX8888);
            for (int b = 0; b < n; ++b)
                for (int g = 0; g < n; ++g) {
                    auto* row = reinterpret_cast<quint16*>(img.scanLine(g));
                    for (int r = 0; r < n; ++r) {
                        const float* v = &lut.rgba[((size_t(b) * n + g) * n + r) * 4];
                        for (int c = 0; c < 4; ++c) {
                            const qfloat16 h(c < 3 ? v[c] : 1.0f);
                            std::memcpy(row + (size_t(r) + size_t(n) * b) * 4 + c, &h, 2);
                        }
                    }
                }
            node->m_material.lut = window()->createTextureFromImage(img);
            node->m_material.lut->setFiltering(QSGTexture::Nearest);
        }
    }
    ViewParams& p = node->m_material.params;
    p.exposureGain = float(std::exp2(m_player->exposure()));
    p.invGamma = float(1.0 / m_player->gamma());
    p.channel = m_player->channel();
    const DisplayLut& lut = m_player->displayLut();
    p.lutMode = node->m_material.lut ? lut.mode : 0;
    p.lutSize = float(lut.size);
    p.shaperMin = lut.shaperMin;
    p.shaperMax = lut.shaperMax;
    node->markDirty(QSGNode::DirtyMaterial);
    QSGGeometry::updateTexturedRectGeometry(&node->m_geometry, l.data, QRectF(0, 0, 1, 1));
    node->markDirty(QSGNode::DirtyGeometry);
    m_uploaded = frame->index;
    return root;
}

}  // namespace rushes::viewer
