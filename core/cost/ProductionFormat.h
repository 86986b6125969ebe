#pragma once
// The versioned JSON production format (FORMAT.md), its validation, the example production,
// the price presets and the import of `rushes-cli bench --json`.
#include <QByteArray>
#include <QJsonObject>

#include "cost/Production.h"

namespace rushes::cost {

struct ProductionRead {
    Production production;
    QList<FieldIssue> issues;  // empty when the file is usable
    bool ok() const { return issues.isEmpty(); }
};

// Parses and validates. Malformed JSON, a missing or newer version, wrong types and impossible
// values come back as issues with the field's path; nothing throws.
ProductionRead readProduction(const QByteArray& json);
ProductionRead readProduction(const QJsonObject& json);
QJsonObject toJson(const Production& p);
QList<FieldIssue> validate(const Production& p);

// A complete example: the one `rushes-cli budget --example` prints and the panel opens first.
Production exampleProduction();

// Price presets (GPU prices with source and date, example artist rates), from the resource.
QJsonObject pricePresets();

// Replaces `hardware`'s throughput with the results of `rushes-cli bench --json`; on failure
// returns false with *error naming the cause.
bool importBench(const QByteArray& benchJson, Hardware* hardware, QString* error);

}  // namespace rushes::cost
