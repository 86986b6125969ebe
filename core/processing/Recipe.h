#pragma once
// A processing pass as data: an ordered list of operations with their parameters, saved as
// versioned JSON, applied identically by the app, rushes-cli and a render-farm node.
//
//   {"format": "rushes-recipe", "version": 1,
//    "operations": [{"op": "denoise", "sigma": "auto", "radius": 2, "strength": 1.0},
//                   {"op": "retime", "factor": 2}]}
//
// retime takes exactly one of "factor" (frame-rate multiplier, e.g. 2 or 2.5), "fps" (target
// rate) or "phase" (one in-between at t in (0,1) per input pair).
#include <optional>
#include <string>
#include <vector>

#include "rushes/codecs/Result.h"

namespace rushes::processing {

struct Operation {
    enum class Kind { Denoise, Retime };
    Kind kind = Kind::Denoise;
    // denoise
    double sigma = -1;    // < 0: "auto"
    int radius = 2;
    double strength = 1.0;
    // retime
    double factor = 0;    // > 0 when given
    double fps = 0;       // > 0 when given
    double phase = 0;     // in (0,1) when given
};

struct Recipe {
    static constexpr int kVersion = 1;
    std::vector<Operation> operations;

    std::string toJson() const;  // stable key order: same recipe, same bytes
    static codecs::Result<Recipe> fromJson(const std::string& json, const std::string& source = {});
    static codecs::Result<Recipe> load(const std::string& path);
    codecs::Status save(const std::string& path) const;
    codecs::Status validate() const;  // clear errors for factor 0, negative sigma, ...
};

}  // namespace rushes::processing
