#include "FFmpegSupport.h"
#include "rushes/codecs/NativeFile.h"

#include <cstdio>
#include <cstring>

#include "Messages.h"

namespace rushes::codecs::detail {

std::string averr(int code) {
    char buf[AV_ERROR_MAX_STRING_SIZE] = {};
    av_strerror(code, buf, sizeof buf);
    return buf;
}

int bitDepthOf(AVPixelFormat fmt) {
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(fmt);
    return d && d->nb_components > 0 ? d->comp[0].depth : 8;
}

Frame frameFromAV(const AVFrame* f) {
    Frame out;
    frameFromAV(f, out);
    return out;
}

void frameFromAV(const AVFrame* f, Frame& out) {
    const auto fmt = AVPixelFormat(f->format);
    const AVPixFmtDescriptor* d = av_pix_fmt_desc_get(fmt);
    out.pixelFormat = d ? d->name : "unknown";
    out.width = f->width;
    out.dataWindow = Rect{0, 0, f->width, f->height};
    out.height = f->height;
    out.missing = false;
    int lines[4] = {};
    if (!d || av_image_fill_linesizes(lines, fmt, f->width) < 0) {
        out.planes.clear();
        return;
    }
    const bool pal = (d->flags & AV_PIX_FMT_FLAG_PAL) != 0;
    const int planes = pal ? 1 : av_pix_fmt_count_planes(fmt);
    out.planes.resize(size_t(planes + (pal ? 1 : 0)));
    for (int p = 0; p < planes; ++p) {
        const bool chroma = (p == 1 || p == 2) && !(d->flags & AV_PIX_FMT_FLAG_RGB) && d->nb_components > 2;
        const int h = chroma ? AV_CEIL_RSHIFT(f->height, d->log2_chroma_h) : f->height;
        const int w = chroma ? AV_CEIL_RSHIFT(f->width, d->log2_chroma_w) : f->width;
        Plane& plane = out.planes[size_t(p)];
        plane.height = h;
        int bps = 1;
        for (int c = 0; c < d->nb_components; ++c)
            if (d->comp[c].plane == p) bps = (d->comp[c].depth + 7) / 8;
        if (bps == 3) bps = 4;
        plane.bytesPerSample = bps;
        plane.width = w;
        plane.samplesPerPixel = (w > 0 && bps > 0) ? std::max(1, lines[p] / (w * bps)) : 1;
        resizeForOverwrite(plane.data, size_t(lines[p]) * size_t(h));
        av_image_copy_plane(plane.data.data(), lines[p], f->data[p], f->linesize[p], lines[p], h);
    }
    if (pal) {
        Plane& palette = out.planes.back();
        palette.width = 256;
        palette.height = 1;
        palette.bytesPerSample = 1;
        palette.samplesPerPixel = 4;
        palette.data.assign(f->data[1], f->data[1] + 1024);
    }
}

bool readWholeFile(const std::string& path, std::vector<uint8_t>& out, size_t maxBytes, Error& why) {
    FILE* fp = openFile(path, "rb");
    if (!fp) {
        why = makeSystemError({}, QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read: %1"), errno);
        return false;
    }
    std::unique_ptr<FILE, int (*)(FILE*)> guard(fp, &std::fclose);
    if (std::fseek(fp, 0, SEEK_END) != 0) {
        why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read: cannot seek"));
        return false;
    }
    const long size = std::ftell(fp);
    if (size < 0) {
        why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read: cannot tell size"));
        return false;
    }
    if (size_t(size) > maxBytes) {
        why = makeCause(
            QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read: file too large (%1 bytes)"), size);
        return false;
    }
    std::fseek(fp, 0, SEEK_SET);
    out.resize(size_t(size));
    if (size > 0 && std::fread(out.data(), 1, out.size(), fp) != out.size()) {
        why = makeCause(QT_TRANSLATE_NOOP("rushes::codecs::Messages", "cannot read: read error"));
        return false;
    }
    return true;
}

}  // namespace rushes::codecs::detail
