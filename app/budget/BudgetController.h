#pragma once
// The Budget panel's controller: holds the production being edited as its JSON document, validates
// and re-prices it on every edit, and exposes the figures and chart series to QML. No cost logic
// here: that is core/cost; saving goes to the project store (core/store).
#include <QtQml/qqmlregistration.h>
#include <QFuture>
#include <QJsonObject>
#include <QObject>
#include <QProcess>
#include <QVariant>

#include <memory>

#include "cost/CostModel.h"

namespace rushes::budget {

class BudgetController : public QObject {
    Q_OBJECT
    QML_ELEMENT
    Q_PROPERTY(QVariantMap document READ document NOTIFY documentChanged)
    Q_PROPERTY(bool valid READ valid NOTIFY recomputed)
    Q_PROPERTY(QVariantList issues READ issues NOTIFY recomputed)
    Q_PROPERTY(QVariantMap issueMap READ issueMap NOTIFY recomputed)
    Q_PROPERTY(QVariantList results READ results NOTIFY recomputed)
    Q_PROPERTY(QVariantList comparison READ comparison NOTIFY riskChanged)
    Q_PROPERTY(
        int currentScenario READ currentScenario WRITE setCurrentScenario NOTIFY currentScenarioChanged)
    Q_PROPERTY(QVariantMap risk READ risk NOTIFY riskChanged)
    Q_PROPERTY(bool riskPending READ riskPending NOTIFY riskChanged)
    Q_PROPERTY(QVariantList tornado READ tornado NOTIFY recomputed)
    Q_PROPERTY(QVariantMap breakEven READ breakEven NOTIFY recomputed)
    Q_PROPERTY(QVariantList gpuPresets READ gpuPresets CONSTANT)
    Q_PROPERTY(QString storeLocation READ storeLocation WRITE setStoreLocation NOTIFY storeLocationChanged)
    Q_PROPERTY(QString status READ status NOTIFY statusChanged)
    // The document differs from what was last opened or saved (the window asks before closing).
    Q_PROPERTY(bool modified READ modified NOTIFY modifiedChanged)
    Q_PROPERTY(bool measuring READ measuring NOTIFY measuringChanged)
    Q_PROPERTY(double lastRecomputeMs READ lastRecomputeMs NOTIFY recomputed)

public:
    explicit BudgetController(QObject* parent = nullptr);
    ~BudgetController() override;

    QVariantMap document() const { return doc_.toVariantMap(); }
    QJsonObject json() const { return doc_; }
    bool valid() const { return model_ != nullptr; }
    QVariantList issues() const { return issues_; }
    QVariantMap issueMap() const { return issueMap_; }
    QVariantList results() const { return results_; }
    QVariantList comparison() const { return comparison_; }
    int currentScenario() const { return current_; }
    void setCurrentScenario(int index);
    QVariantMap risk() const { return risk_; }
    QVariantList tornado() const { return tornado_; }
    QVariantMap breakEven() const { return breakEven_; }
    QVariantList gpuPresets() const;
    QString storeLocation() const { return storeLocation_; }
    void setStoreLocation(const QString& location);
    QString status() const { return status_; }
    bool modified() const { return doc_ != savedDoc_; }
    bool measuring() const { return process_ != nullptr; }
    double lastRecomputeMs() const { return lastMs_; }
    bool riskPending() const { return riskPending_; }
    // Blocks until the Monte Carlo of the last edit is in (for tests and exports); false on timeout.
    Q_INVOKABLE bool waitForRisk(int timeoutMs = 10000);
    const cost::CostModel* model() const { return model_.get(); }

    // Editing. Paths are the format's JSON paths ("labour.roles[0].dayRate").
    Q_INVOKABLE QVariant valueAt(const QString& path) const;
    Q_INVOKABLE void setText(const QString& path, const QString& text);
    // Parses a number typed in the user's locale; text that is no number is kept so the field shows why.
    Q_INVOKABLE void setNumber(const QString& path, const QString& text);
    Q_INVOKABLE void setValue(const QString& path, const QVariant& value);
    Q_INVOKABLE void togglePass(int shot, const QString& task, bool on);
    Q_INVOKABLE void setAiShare(int scenario, const QString& task, double share);
    Q_INVOKABLE void addShot();
    Q_INVOKABLE void addRole();
    Q_INVOKABLE void addTask();
    Q_INVOKABLE void addScenario();
    Q_INVOKABLE void removeAt(const QString& listPath, int index);
    Q_INVOKABLE void addHardwareFromPreset(int preset);
    // Replaces the shots with those open in the session ({name, path, frames, width, height, fps}).
    Q_INVOKABLE void useSessionShots(const QVariantList& shots);

    Q_INVOKABLE void loadExample();
    Q_INVOKABLE bool loadJson(const QByteArray& json);
    Q_INVOKABLE bool openFile(const QUrl& url);
    Q_INVOKABLE bool importShotsCsv(const QUrl& url);
    // Sets the AI fix-up share from `rushes-cli compare` output (CSV with a psnr/ssim column, or JSON
    // with per-frame objects): the share of frames whose metric is under `threshold`.
    Q_INVOKABLE bool fixupFromMetrics(const QUrl& url, const QString& metric, double threshold);
    Q_INVOKABLE bool importBenchFile(const QUrl& url, int hardware);
    Q_INVOKABLE bool importBenchJson(const QByteArray& json, int hardware);
    // Runs `rushes-cli bench --json` beside this executable and imports it into `hardware`.
    Q_INVOKABLE void measureThisMachine(int hardware);

    Q_INVOKABLE bool save();
    // The production saved last; false when there is none or it cannot be read (then loadError() says why).
    Q_INVOKABLE bool loadSaved();
    QString loadError() const { return loadError_; }
    Q_INVOKABLE bool exportJson(const QUrl& url);
    Q_INVOKABLE bool exportCsv(const QUrl& url);
    Q_INVOKABLE bool exportPdf(const QUrl& url);

    // Formatting for the views: the user's locale, the production's currency.
    Q_INVOKABLE QString money(double amount, int decimals = 0) const;
    Q_INVOKABLE QString number(double value, int decimals = 0) const;

signals:
    void documentChanged();
    void recomputed();
    void riskChanged();
    void currentScenarioChanged();
    void storeLocationChanged();
    void statusChanged();
    void modifiedChanged();
    void measuringChanged();

private:
    void edit(const QString& path, const QJsonValue& value);
    void replaceDocument(const QJsonObject& doc);
    void recompute();
    void startRisk();
    void applyRisk(const QList<cost::RiskResult>& risks, const QList<cost::ComparisonRow>& rows);
    void setStatus(const QString& s);
    bool writeFile(const QUrl& url, const QByteArray& bytes);

    QJsonObject doc_;
    std::unique_ptr<cost::CostModel> model_;
    QVariantList issues_, results_, comparison_, tornado_;
    QVariantMap issueMap_, risk_, breakEven_;
    int current_ = 0;
    QString storeLocation_, status_;
    QJsonObject savedDoc_;  // the document as last opened or saved
    QString loadError_;  // why the last loadSaved() could not read the store; empty when it could or there
                         // was none
    QProcess* process_ = nullptr;
    double lastMs_ = 0;
    // The Monte Carlo runs off the GUI thread so an edit redraws at once; a later edit supersedes it.
    int generation_ = 0;
    bool riskPending_ = false;
    QFuture<void> riskFuture_;
};

}  // namespace rushes::budget
