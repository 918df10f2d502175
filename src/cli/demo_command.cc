// qinglian demo [--dir DIR]: the whole job on synthetic data, through the
// same code as the commands: gen, run, the inspection team's feedback applied
// as dispose --file does, and the report.
//
// The demo replaces its folder's files, database included, so it takes only
// a new or empty folder, or one an earlier demo wrote: the marker file it
// leaves there, and none but the names it writes.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <set>

#include "cli/command.h"
#include "cli/util.h"
#include "qinglian/app/run.h"
#include "qinglian/base/text.h"

namespace qinglian::cli {
namespace {

struct DemoFlags {
  std::string dir = "demo", lang;
  uint64_t seed = 1;
} opt;

constexpr const char* kMarker = ".qinglian-demo";

void Step(const std::string& title) { std::cout << "\n== " << title << " ==\n" << std::flush; }

// Fails unless `dir` is absent, empty, or an earlier demo's.
Status CheckDemoFolder(const std::filesystem::path& dir) {
  namespace fs = std::filesystem;
  const std::set<std::string> ours = {
      kMarker,       kGenEmployeesFile, kGenTrafficFile,   kGenPublicSecurityFile,
      "qinglian.db", "qinglian.db-wal", "qinglian.db-shm", "qinglian.db-journal",
      "rejects.csv", "feedback.csv",    "report.html"};
  std::error_code ec;
  if (!fs::exists(dir, ec)) return Status::Ok();
  std::vector<std::string> names;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
    names.push_back(e.path().filename().string());
  if (ec) return Status::Error(ec.message());
  const bool earlier = std::find(names.begin(), names.end(), kMarker) != names.end();
  std::vector<std::string> foreign;
  for (const std::string& n : names)
    if (!earlier || !ours.contains(n)) foreign.push_back(n);
  if (foreign.empty()) return Status::Ok();
  std::sort(foreign.begin(), foreign.end());
  if (foreign.size() > 3) {
    foreign.resize(3);
    foreign.push_back("...");
  }
  return Status::Error("the folder holds files that are not an earlier demo's (" +
                       Join(foreign, ", ") + "); give an empty or new folder");
}

}  // namespace

void DefineDemo(CLI::App& app) {
  app.add_option("--dir", opt.dir, "where the demo's files and database go (default ./demo)");
  app.add_option("--seed", opt.seed, "random seed of the generated data");
  app.add_option("--lang", opt.lang, "report language: zh or en (default: from the locale)")
      ->check(CLI::IsMember({"zh", "en"}));
}

int RunDemo(const GlobalOptions& g) {
  namespace fs = std::filesystem;
  const fs::path dir(opt.dir);
  if (Status s = CheckDemoFolder(dir); !s.ok())
    return Usage(s.WithContext("--dir " + opt.dir).message());
  GenOptions gen;
  gen.seed = opt.seed;
  Step("1. generate the exports (huaihua profile: 7 SOEs, 12,000 employee records)");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Fail(opt.dir + ": " + ec.message());
  if (Status s = WriteOutputFile((dir / kMarker).string(),
                                 [](std::ostream& out) {
                                   out << "Written by 'qinglian demo': the next demo in this "
                                          "folder replaces its files.\n";
                                 });
      !s.ok())
    return Fail(s.message());
  if (Status s = GenerateInto(dir.string(), gen, std::cout); !s.ok()) return Fail(s.message());

  // The demo starts from an empty database every time.
  GlobalOptions demo = g;
  demo.db = (dir / "qinglian.db").string();
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;  // absent is fine
    fs::remove(demo.db + suffix, ignored);
  }
  Result<std::unique_ptr<Store>> store = OpenStore(demo, /*create=*/true);
  if (!store.ok()) return Fail(store.error());

  Step("2. compare: qinglian run --as-of " + gen.as_of.Iso());
  RunRequest request;
  request.employees = {(dir / kGenEmployeesFile).string()};
  request.offences = {(dir / kGenTrafficFile).string(), (dir / kGenPublicSecurityFile).string()};
  request.as_of = gen.as_of;
  request.actor = OsUser();
  request.audit = MakeAudit(g);
  const Result<std::vector<Model>> models = LoadModels(FindModelsDir(""));
  if (!models.ok()) return Fail(models.error());
  request.models = *models;
  RejectsFile rejects;
  if (Status s = rejects.Open((dir / "rejects.csv").string()); !s.ok()) return Fail(s.message());
  request.on_loaded = [&rejects] { return rejects.Finish(); };
  const Result<RunReport> report = ExecuteRun(request, **store, rejects.sink());
  if (!report.ok()) return Fail(report.error());
  if (Status s = rejects.Commit(); !s.ok()) return Fail(s.message());
  std::cout << TerminalText(FormatRunText(*report), /*keep_newlines=*/true)
            << "  rejected rows: " << (dir / "rejects.csv").string() << "\n";
  if (report->failed()) return kExitFailure;

  Step("3. the inspection team's feedback: qinglian dispose --file feedback.csv");
  Result<std::vector<StoredLead>> leads = (*store)->Leads({});
  if (!leads.ok()) return Fail(leads.error());
  const std::string feedback = (dir / "feedback.csv").string();
  if (Status s = WriteOutputFile(feedback,
                                 [&](std::ostream& out) { WriteFeedback(*leads, opt.seed, out); });
      !s.ok())
    return Fail(s.message());
  AuditEntry dispose_audit = MakeAudit(g);
  if (int rc = DisposeFile(**store, feedback, &dispose_audit); rc != kExitOk) return rc;

  Step("4. report: qinglian report");
  Result<ReportFigures> figures = (*store)->Figures(0);
  if (!figures.ok()) return Fail(figures.error());
  const ReportOptions o = MakeReportOptions(opt.lang, "");
  std::cout << FormatReportText(*figures, o);
  if (Status s = WriteOutputFile((dir / "report.html").string(),
                                 [&](std::ostream& out) { out << FormatReportHtml(*figures, o); });
      !s.ok())
    return Fail(s.message());
  std::cout << "\nThe same report as a page: " << (dir / "report.html").string() << "\n"
            << "Explore: qinglian --db " << demo.db
            << " leads | show 1 | export --out leads.xlsx | audit\n";
  return kExitOk;
}

}  // namespace qinglian::cli
