#version 440
// Source values -> exposure (scene) -> OCIO display/view as a 3D LUT -> gamma -> channel view.
// Built eight times (CMakeLists.txt): YUV=0|1 (an RGBA texture, or native YUV planes), LUT=0|1,
// and VIEW=0|1 (exposure, gamma and channel isolation, or none of them: the usual review view).
// Variants, not uniform branches: a software rasteriser (llvmpipe) runs both sides of every
// branch under a mask, so one shader with all paths cost the twelve YUV fetches, the LUT's two
// float fetches and a pow() at every pixel of every frame, whatever was drawn.
#ifndef YUV
#define YUV 0
#endif
#ifndef LUT
#define LUT 0
#endif
#ifndef VIEW
#define VIEW 1
#endif
layout(location = 0) in vec2 vTex;
layout(location = 0) out vec4 fragColor;
layout(std140, binding = 0) uniform buf {
    mat4 qt_Matrix;
    float qt_Opacity;
    float exposureGain;
    float invGamma;
    int channel;   // 0 RGB, 1 R, 2 G, 3 B, 4 A, 5 luma
    int lutMode;   // 0 none, 1 LUT over [0,1], 2 LUT behind a log2 shaper (scene-linear input)
    float lutSize;
    float shaperMin;
    float shaperMax;
    int planeMode;   // 0 RGBA texture; 1 YUV planes, 8-bit; 2 YUV planes, 16-bit samples;
                     // 3 RGBA half floats, packed (in the YUV variant: it reads packed texels too)
    int nearest;     // 1: show pixels (zoomed in), 0: bilinear
    float maxCode;   // 2^bits - 1 of the planes
    float pad0;
    vec4 planeSize;  // luma width, height; chroma width, height (samples)
    vec4 texSize;    // the same in RGBA texels (4 or 2 samples a texel)
    vec4 yuvRange;   // yOffset, yScale, cOffset, cScale
    vec4 yuvMatrix;  // rCr, gCb, gCr, bCb
};
layout(binding = 1) uniform sampler2D src;
layout(binding = 2) uniform sampler2D lut;
// Native YUV: src holds Y'; these hold Cb and Cr. Each RGBA texel packs four 8-bit samples or
// two little-endian 16-bit ones, so frames are uploaded as decoded, with no conversion or copy.
layout(binding = 3) uniform sampler2D planeCb;
layout(binding = 4) uniform sampler2D planeCr;

// Half floats packed into RGBA8 texels, two a value (little-endian): Qt 6.4 uploads images at 8
// bits a channel only, which would clip scene-linear values at 1.0. Half-float frames (EXR) are
// two texels a pixel (R, G then B, A), the display LUT two texels a lattice point. The bytes
// come back exactly (n / 255 per byte).
float halfValue(vec2 bytes) {
    float h = floor(bytes.x * 255.0 + 0.5) + floor(bytes.y * 255.0 + 0.5) * 256.0;
    float sign = h >= 32768.0 ? -1.0 : 1.0;
    h = mod(h, 32768.0);
    float e = floor(h / 1024.0);
    float m = h - e * 1024.0;
    if (e >= 31.0) return m > 0.0 ? 0.0 : sign * 65504.0;  // NaN shows black (as on the CPU); inf the largest half
    return sign * (e == 0.0 ? m * exp2(-24.0) : (1.0 + m / 1024.0) * exp2(e - 15.0));
}
#if YUV
// Sample (x, y) of a packed plane, as a code value over maxCode. texelFetch, not texture():
// no coordinate normalisation or filtering set-up per fetch (a software rasteriser pays for
// both at every one of the twelve fetches a pixel).
float planeSample(sampler2D t, ivec2 p) {
    if (planeMode == 1) {
        vec4 v = texelFetch(t, ivec2(p.x >> 2, p.y), 0);
        int k = p.x & 3;
        return (k == 0 ? v.x : k == 1 ? v.y : k == 2 ? v.z : v.w) * (255.0 / maxCode);
    }
    vec4 v = texelFetch(t, ivec2(p.x >> 1, p.y), 0);
    vec2 s = (p.x & 1) == 0 ? v.xy : v.zw;
    return (s.x + s.y * 256.0) * (255.0 / maxCode);
}

// Bilinear (or nearest) over a packed plane of `size` samples at normalised position uv.
float planeValue(sampler2D t, vec2 size, vec2 uv) {
    ivec2 last = ivec2(size) - 1;
    if (nearest == 1)
        return planeSample(t, min(ivec2(uv * size), last));
    vec2 q = uv * size - 0.5;
    vec2 p0 = floor(q);
    vec2 f = q - p0;
    ivec2 a = clamp(ivec2(p0), ivec2(0), last);
    ivec2 b = clamp(ivec2(p0) + 1, ivec2(0), last);
    float top = mix(planeSample(t, a), planeSample(t, ivec2(b.x, a.y)), f.x);
    float bottom = mix(planeSample(t, ivec2(a.x, b.y)), planeSample(t, b), f.x);
    return mix(top, bottom, f.y);
}

vec4 halfTexel(ivec2 p) {
    vec4 a = texelFetch(src, ivec2(p.x * 2, p.y), 0);
    vec4 b = texelFetch(src, ivec2(p.x * 2 + 1, p.y), 0);
    return vec4(halfValue(a.xy), halfValue(a.zw), halfValue(b.xy), halfValue(b.zw));
}
// Bilinear (or nearest) over the frame's planeSize.xy pixels, filtered after decoding.
vec4 halfPixel(vec2 uv) {
    ivec2 last = ivec2(planeSize.xy) - 1;
    if (nearest == 1)
        return halfTexel(min(ivec2(uv * planeSize.xy), last));
    vec2 q = uv * planeSize.xy - 0.5;
    vec2 p0 = floor(q);
    vec2 f = q - p0;
    ivec2 a = clamp(ivec2(p0), ivec2(0), last);
    ivec2 b = clamp(ivec2(p0) + 1, ivec2(0), last);
    vec4 top = mix(halfTexel(a), halfTexel(ivec2(b.x, a.y)), f.x);
    vec4 bottom = mix(halfTexel(ivec2(a.x, b.y)), halfTexel(b), f.x);
    return mix(top, bottom, f.y);
}

vec4 yuvPixel(vec2 uv) {
    float y = (planeValue(src, planeSize.xy, uv) - yuvRange.x) * yuvRange.y;
    float cb = (planeValue(planeCb, planeSize.zw, uv) - yuvRange.z) * yuvRange.w;
    float cr = (planeValue(planeCr, planeSize.zw, uv) - yuvRange.z) * yuvRange.w;
    vec3 rgb = vec3(y + yuvMatrix.x * cr, y + yuvMatrix.y * cb + yuvMatrix.z * cr, y + yuvMatrix.w * cb);
    return vec4(clamp(rgb, 0.0, 1.0), 1.0);
}
#endif

#if LUT
// The LUT's lattice point (r, g, b): slices side by side, x = 2 (r + n b), y = g.
vec3 lutAt(ivec3 i, int n) {
    vec4 a = texelFetch(lut, ivec2(2 * (i.r + n * i.b), i.g), 0);
    vec4 b = texelFetch(lut, ivec2(2 * (i.r + n * i.b) + 1, i.g), 0);
    return vec3(halfValue(a.xy), halfValue(a.zw), halfValue(b.xy));
}
vec3 applyLut(vec3 c) {
    if (lutMode == 2)
        c = (log2(max(c, vec3(1.0e-7))) - shaperMin) / (shaperMax - shaperMin);
    c = clamp(c, 0.0, 1.0);
    int n = int(lutSize);
    vec3 v = c * (lutSize - 1.0);
    ivec3 i0 = min(ivec3(v), ivec3(n - 2));
    vec3 f = v - vec3(i0);
    ivec3 i1 = i0 + 1;
    vec3 c00 = mix(lutAt(i0, n), lutAt(ivec3(i1.r, i0.g, i0.b), n), f.r);
    vec3 c10 = mix(lutAt(ivec3(i0.r, i1.g, i0.b), n), lutAt(ivec3(i1.r, i1.g, i0.b), n), f.r);
    vec3 c01 = mix(lutAt(ivec3(i0.r, i0.g, i1.b), n), lutAt(ivec3(i1.r, i0.g, i1.b), n), f.r);
    vec3 c11 = mix(lutAt(ivec3(i0.r, i1.g, i1.b), n), lutAt(i1, n), f.r);
    return mix(mix(c00, c10, f.g), mix(c01, c11, f.g), f.b);
}
#endif

void main() {
#if YUV
    vec4 c = planeMode == 3 ? halfPixel(vTex) : yuvPixel(vTex);
#else
    vec4 c = texture(src, vTex);
#endif
#if VIEW
    c.rgb *= exposureGain;
#endif
#if LUT
    c.rgb = applyLut(c.rgb);
#endif
#if VIEW
    c.rgb = pow(max(c.rgb, vec3(0.0)), vec3(invGamma));
    if (channel == 1) c.rgb = c.rrr;
    else if (channel == 2) c.rgb = c.ggg;
    else if (channel == 3) c.rgb = c.bbb;
    else if (channel == 4) c.rgb = vec3(c.a);
    else if (channel == 5) c.rgb = vec3(dot(c.rgb, vec3(0.2126, 0.7152, 0.0722)));
#endif
    fragColor = vec4(c.rgb, 1.0) * qt_Opacity;
}
