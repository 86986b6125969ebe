#version 440
// Source values -> exposure (scene) -> OCIO display/view as a 3D LUT -> gamma -> channel view.
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
};
layout(binding = 1) uniform sampler2D src;
layout(binding = 2) uniform sampler2D lut;

vec3 applyLut(vec3 c) {
    if (lutMode == 2)
        c = (log2(max(c, vec3(1.0e-7))) - shaperMin) / (shaperMax - shaperMin);
    c = clamp(c, 0.0, 1.0);
    float n = lutSize;
    float b = c.b * (n - 1.0);
    float b0 = floor(b);
    float b1 = min(b0 + 1.0, n - 1.0);
    // The 3D lattice lies in one row of slices: x = r + n * b, y = g.
    vec2 uv = vec2((c.r * (n - 1.0) + 0.5) / (n * n), (c.g * (n - 1.0) + 0.5) / n);
    vec3 s0 = texture(lut, uv + vec2(b0 / n, 0.0)).rgb;
    vec3 s1 = texture(lut, uv + vec2(b1 / n, 0.0)).rgb;
    return mix(s0, s1, b - b0);
}

void main() {
    vec4 c = texture(src, vTex);
    c.rgb *= exposureGain;
    if (lutMode > 0)
        c.rgb = applyLut(c.rgb);
    c.rgb = pow(max(c.rgb, vec3(0.0)), vec3(invGamma));
    if (channel == 1) c.rgb = c.rrr;
    else if (channel == 2) c.rgb = c.ggg;
    else if (channel == 3) c.rgb = c.bbb;
    else if (channel == 4) c.rgb = vec3(c.a);
    else if (channel == 5) c.rgb = vec3(dot(c.rgb, vec3(0.2126, 0.7152, 0.0722)));
    fragColor = vec4(c.rgb, 1.0) * qt_Opacity;
}
