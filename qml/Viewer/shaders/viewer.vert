#version 440
layout(location = 0) in vec4 qt_VertexPosition;
layout(location = 1) in vec2 qt_VertexTexCoord;
layout(location = 0) out vec2 vTex;
layout(std140, binding = 0) uniform buf {
    mat4 qt_Matrix;
    float qt_Opacity;
    float exposureGain;
    float invGamma;
    int channel;
    int lutMode;
    float lutSize;
    float shaperMin;
    float shaperMax;
    int planeMode;   // 0 RGBA texture; 1 YUV planes, 8-bit; 2 YUV planes, 16-bit samples
    int nearest;     // 1: show pixels (zoomed in), 0: bilinear
    float maxCode;   // 2^bits - 1 of the planes
    float pad0;
    vec4 planeSize;  // luma width, height; chroma width, height (samples)
    vec4 texSize;    // the same in RGBA texels (4 or 2 samples a texel)
    vec4 yuvRange;   // yOffset, yScale, cOffset, cScale
    vec4 yuvMatrix;  // rCr, gCb, gCr, bCb
};
out gl_PerVertex { vec4 gl_Position; };
void main() {
    vTex = qt_VertexTexCoord;
    gl_Position = qt_Matrix * qt_VertexPosition;
}
