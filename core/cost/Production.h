#pragma once
// A production's cost inputs: shots and their passes, labour, compute, risk ranges, scenarios.
// Plain values; ProductionFormat reads and writes them as JSON (see FORMAT.md), CostModel prices them.
#include <QDate>
#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace rushes::cost {

// An uncertain input: min / likely / max (a triangular distribution in the Monte Carlo).
struct Range {
    double min = 0, likely = 0, max = 0;
    static Range fixed(double v) { return {v, v, v}; }
    bool isFixed() const { return min == max; }
    // The analytic median of the triangular distribution.
    double median() const;
    // The value at cumulative probability u in [0, 1] (inverse CDF).
    double quantile(double u) const;
};

struct Shot {
    QString name;
    QString path;
    int frames = 0;
    int width = 1920, height = 1080;
    double fps = 24;
    QString difficulty = QStringLiteral("medium");  // easy | medium | hard
    QStringList passes;                             // task ids
    double retime = 2;                              // factor, for a pass whose operation is retime
};

struct Role {
    QString id, name;
    double dayRate = 0;     // per artist-day, before fringes
    int headcount = 1;      // available at once
    double rampUpDays = 0;  // working days for a new artist to reach full speed (linear ramp)
};

// A pass an artist can do by hand; with `operation` set the compute can do it too.
struct Task {
    QString id, name, role;
    QString operation;   // "" (manual only), "denoise" or "retime"
    Range framesPerDay;  // per artist-day at medium difficulty
};

struct Labour {
    double fringePct = 0, supervisionPct = 0, overheadPct = 0;
    Range reworkShare;                                              // share of the work done twice
    double easyFactor = 1.5, mediumFactor = 1.0, hardFactor = 0.5;  // productivity by difficulty
    QList<Role> roles;
    QList<Task> tasks;
};

// The AI pass is never free of people.
struct AiReview {
    QString qcRole;
    Range qcMinutesPerShot;
    Range fixupShare;  // share of AI frames an artist still fixes, at the task's manual speed
    QString setupRole;
    double setupDays = 0;  // pipeline set-up, once per production when any AI is used
};

struct Throughput {
    QString operation;  // denoise | retime
    QString backend;    // cpu | opencl | ...
    int width = 1920, height = 1080;
    double msPerFrame = 0;  // per produced frame
};

struct Hardware {
    QString id, name;
    QString kind = QStringLiteral("gpu");           // gpu | cpu
    QString pricing = QStringLiteral("on_demand");  // on_demand | spot | on_prem
    Range pricePerHour;                             // cloud; on_prem derives it
    // on-premises: purchase over its life, power and operations
    double purchasePrice = 0, lifeYears = 3, hoursPerYear = 8760, powerKw = 0, pricePerKwh = 0,
           operationsPerYear = 0;
    int units = 1;
    QList<Throughput> throughput;
    QString source, date;

    bool isCloud() const { return pricing != QLatin1String("on_prem"); }
    // The on-premises hourly price: purchase / (life * hours a year) + kW * price per kWh + operations /
    // hours a year.
    double onPremHourly() const;
    Range hourly() const;
    // ms per frame for an operation at a resolution, scaled by pixel count from the closest measurement;
    // negative when the hardware has no figure for the operation.
    double msPerFrame(const QString& operation, int width, int height) const;
};

struct Storage {
    double pricePerTBMonth = 0, egressPerTB = 0;
    double bytesPerPixel = 6;  // 16-bit RGB
    double copies = 2;         // source and result
    double months = 3;
};

struct Scenario {
    QString name;
    QString hardware;               // hardware id
    QMap<QString, double> aiShare;  // task id -> share of its frames done by compute, 0..1
};

struct Production {
    static constexpr int kFormatVersion = 1;
    QString name;
    QString currency = QStringLiteral("USD");
    double hoursPerDay = 8;
    QList<int> workingDays{1, 2, 3, 4, 5};  // Qt day numbers, Monday = 1
    QList<QDate> holidays;
    QDate start, deadline;
    QList<Shot> shots;
    Labour labour;
    AiReview ai;
    QList<Hardware> hardware;
    Storage storage;
    QList<Scenario> scenarios;
    int iterations = 10000;
    quint64 seed = 1;

    const Role* role(const QString& id) const;
    const Task* task(const QString& id) const;
    const Hardware* findHardware(const QString& id) const;
    const Scenario* scenario(const QString& name) const;
    qint64 totalFrames() const;
};

// A problem with one field: `path` is the JSON path ("labour.roles[0].dayRate").
struct FieldIssue {
    QString path;
    QString message;
};

}  // namespace rushes::cost
