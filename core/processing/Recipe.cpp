#include "processing/Recipe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>
#include <cstdio>
#include <optional>

#include "processing/internal/Messages.h"
#include "rushes/codecs/SmallFile.h"

namespace rushes::processing {
namespace {

using internal::makeError;

// A recipe is a few lines of JSON; a larger file is not one (and is not read whole into memory).
constexpr std::size_t kMaxRecipeBytes = std::size_t(1) << 20;

QJsonObject toObject(const Operation& op) {
    QJsonObject o;
    if (op.kind == Operation::Kind::Denoise) {
        o.insert(QStringLiteral("op"), QStringLiteral("denoise"));
        if (op.sigma < 0)
            o.insert(QStringLiteral("sigma"), QStringLiteral("auto"));
        else
            o.insert(QStringLiteral("sigma"), op.sigma);
        o.insert(QStringLiteral("radius"), op.radius);
        o.insert(QStringLiteral("strength"), op.strength);
    } else {
        o.insert(QStringLiteral("op"), QStringLiteral("retime"));
        if (op.factor > 0) o.insert(QStringLiteral("factor"), op.factor);
        if (op.fps > 0) o.insert(QStringLiteral("fps"), op.fps);
        if (op.phase > 0) o.insert(QStringLiteral("phase"), op.phase);
    }
    return o;
}

// A number as a person would write it: 0.5, 1e-09, 1e+300 (std::to_string gives 300 digits or 0.000000).
std::string shortNumber(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
}

}  // namespace

std::string Recipe::toJson() const {
    QJsonObject root;
    root.insert(QStringLiteral("format"), QStringLiteral("rushes-recipe"));
    root.insert(QStringLiteral("version"), kVersion);
    QJsonArray ops;
    for (const Operation& op : operations) ops.append(toObject(op));
    root.insert(QStringLiteral("operations"), ops);
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

codecs::Status Recipe::validate() const {
    for (size_t i = 0; i < operations.size(); ++i) {
        const Operation& op = operations[i];
        // Each message starts "operation N: " (the Nth in the recipe, counted from 1).
        const size_t n = i + 1;
        if (op.kind == Operation::Kind::Denoise) {
            if (!std::isfinite(op.sigma))
                return makeError({},
                                 QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                   "operation %1: denoise sigma is not a number"),
                                 n);
            if (op.sigma < 0 && op.sigma != -1)
                return makeError(
                    {},
                    QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                      "operation %1: denoise sigma must be 'auto' or >= 0, got %2"),
                    n, shortNumber(op.sigma));
            if (op.sigma > 255)
                return makeError(
                    {},
                    QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                      "operation %1: denoise sigma must be at most 255 (8-bit scale)"),
                    n);
            if (op.radius < 0 || op.radius > 4)
                return makeError({},
                                 QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                   "operation %1: denoise radius must be between 0 and 4"),
                                 n);
            if (!(op.strength > 0) || op.strength > 10)
                return makeError({},
                                 QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                   "operation %1: denoise strength must be in (0, 10]"),
                                 n);
        } else {
            const int given = (op.factor != 0) + (op.fps != 0) + (op.phase != 0);
            if (given != 1)
                return makeError(
                    {},
                    QT_TRANSLATE_NOOP(
                        "rushes::processing::Messages",
                        "operation %1: retime needs exactly one of factor, fps or phase (and none may be 0)"),
                    n);
            if (op.factor != 0 && !(op.factor >= 1.0 / 64 && op.factor <= 64 && std::isfinite(op.factor)))
                return makeError(
                    {},
                    QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                      "operation %1: retime factor must be in [1/64, 64], got %2"),
                    n, shortNumber(op.factor));
            if (op.fps != 0 && !(op.fps >= 1 && op.fps <= 1000 && std::isfinite(op.fps)))
                return makeError({},
                                 QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                   "operation %1: retime fps must be in [1, 1000], got %2"),
                                 n, shortNumber(op.fps));
            if (op.phase != 0 && !(op.phase > 0 && op.phase < 1))
                return makeError(
                    {},
                    QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                      "operation %1: retime phase must be strictly between 0 and 1, got %2"),
                    n, shortNumber(op.phase));
        }
    }
    return codecs::Ok{};
}

codecs::Result<Recipe> Recipe::fromJson(const std::string& json, const std::string& source) {
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray::fromStdString(json), &pe);
    if (pe.error != QJsonParseError::NoError)  // Qt's words for the fault, as they are
        return makeError(
            source, QT_TRANSLATE_NOOP("rushes::processing::Messages", "not valid JSON (%1 at offset %2)"),
            pe.errorString().toStdString(), pe.offset);
    if (!doc.isObject())
        return makeError(source,
                         QT_TRANSLATE_NOOP("rushes::processing::Messages", "a recipe is a JSON object"));
    const QJsonObject root = doc.object();
    if (root.value(QStringLiteral("format")).toString() != QLatin1String("rushes-recipe"))
        return makeError(source,
                         QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                           "not a Rushes recipe (\"format\" must be \"rushes-recipe\")"));
    const int version = root.value(QStringLiteral("version")).toInt(-1);
    if (version < 1)
        return makeError(
            source, QT_TRANSLATE_NOOP("rushes::processing::Messages", "recipe has no valid \"version\""));
    if (version > kVersion)
        return makeError(source,
                         QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                           "recipe version %1 is newer than this build reads (%2)"),
                         version, kVersion);
    if (!root.value(QStringLiteral("operations")).isArray())
        return makeError(
            source, QT_TRANSLATE_NOOP("rushes::processing::Messages", "recipe has no \"operations\" array"));
    Recipe r;
    const QJsonArray ops = root.value(QStringLiteral("operations")).toArray();
    for (int i = 0; i < ops.size(); ++i) {
        const int n = i + 1;  // "operation N: ", counted from 1
        if (!ops[i].isObject())
            return makeError(
                source, QT_TRANSLATE_NOOP("rushes::processing::Messages", "operation %1: must be an object"),
                n);
        const QJsonObject o = ops[i].toObject();
        const QString kind = o.value(QStringLiteral("op")).toString();
        // A misspelt key ("sgima") would otherwise be dropped and its default used without a word.
        const auto unknownKey = [&](const QStringList& keys) -> std::optional<codecs::Error> {
            for (const QString& key : o.keys())
                if (key != QLatin1String("op") && !keys.contains(key))
                    return makeError(source,
                                     QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                       "operation %1: unknown key '%2' (a %3 takes %4)"),
                                     n, key.toStdString(), kind.toStdString(),
                                     keys.join(QStringLiteral(", ")).toStdString());
            return std::nullopt;
        };
        Operation op;
        auto number = [&](const char* key, double fallback, double& out) -> bool {
            const QJsonValue v = o.value(QLatin1String(key));
            if (v.isUndefined()) {
                out = fallback;
                return true;
            }
            if (!v.isDouble()) return false;
            out = v.toDouble();
            return true;
        };
        if (kind == QLatin1String("denoise")) {
            if (auto e = unknownKey({"sigma", "radius", "strength"})) return *e;
            op.kind = Operation::Kind::Denoise;
            const QJsonValue s = o.value(QStringLiteral("sigma"));
            if (s.isUndefined() || (s.isString() && s.toString() == QLatin1String("auto")))
                op.sigma = -1;
            else if (s.isDouble()) {
                op.sigma = s.toDouble();
                if (op.sigma < 0)
                    return makeError(
                        source,
                        QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                          "operation %1: denoise sigma must be 'auto' or >= 0, got %2"),
                        n, shortNumber(op.sigma));
            } else
                return makeError(
                    source,
                    QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                      "operation %1: denoise sigma must be \"auto\" or a number"),
                    n);
            double radius = 2;
            if (!number("radius", 2, radius) || radius != std::floor(radius))
                return makeError(source,
                                 QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                   "operation %1: radius must be an integer"),
                                 n);
            op.radius = int(radius);
            if (!number("strength", 1.0, op.strength))
                return makeError(source,
                                 QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                   "operation %1: strength must be a number"),
                                 n);
        } else if (kind == QLatin1String("retime")) {
            if (auto e = unknownKey({"factor", "fps", "phase"})) return *e;
            op.kind = Operation::Kind::Retime;
            for (const char* key : {"factor", "fps", "phase"}) {
                const QJsonValue v = o.value(QLatin1String(key));
                if (!v.isUndefined() && !v.isDouble())
                    return makeError(source,
                                     QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                       "operation %1: %2 must be a number"),
                                     n, key);
                if (!v.isUndefined() && v.toDouble() == 0)
                    return makeError(source,
                                     QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                                       "operation %1: retime %2 must not be 0"),
                                     n, key);
            }
            number("factor", 0, op.factor);
            number("fps", 0, op.fps);
            number("phase", 0, op.phase);
        } else {
            return makeError(
                source,
                QT_TRANSLATE_NOOP("rushes::processing::Messages",
                                  "operation %1: unknown operation '%2' (known: denoise, retime)"),
                n, kind.toStdString());
        }
        r.operations.push_back(op);
    }
    if (auto v = r.validate(); !v.ok()) return internal::withPath(v.error(), source);
    return r;
}

codecs::Result<Recipe> Recipe::load(const std::string& path) {
    auto text = codecs::readSmallFile(path, kMaxRecipeBytes);
    if (!text.ok())
        return internal::wrapError(
            path, QT_TRANSLATE_NOOP("rushes::processing::Messages", "cannot read recipe (%1)"), text.error());
    return fromJson(text.value(), path);
}

codecs::Status Recipe::save(const std::string& path) const {
    auto s = codecs::writeSmallFile(path, toJson());
    if (!s.ok())
        return internal::wrapError(
            path, QT_TRANSLATE_NOOP("rushes::processing::Messages", "cannot write recipe (%1)"), s.error());
    return codecs::Ok{};
}

}  // namespace rushes::processing
