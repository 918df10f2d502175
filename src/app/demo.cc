#include "qinglian/app/demo.h"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "qinglian/app/dispose.h"
#include "qinglian/app/gen.h"
#include "qinglian/app/run.h"
#include "qinglian/app/run_summary.h"
#include "qinglian/base/clock.h"
#include "qinglian/base/output_file.h"
#include "qinglian/base/text.h"
#include "qinglian/input/rejects_file.h"
#include "qinglian/output/report.h"

namespace qinglian {
namespace {

namespace fs = std::filesystem;

constexpr const char* kMarker = ".qinglian-demo";

void Step(std::ostream& out, const std::string& title) {
  out << "\n== " << title << " ==\n" << std::flush;
}

}  // namespace

std::string DemoStorePath(const std::string& dir) {
  return (fs::path(dir) / "qinglian.db").string();
}

Status CheckDemoFolder(const std::string& dir) {
  std::set<std::string> ours = {kMarker,           "qinglian.db",         "qinglian.db-wal",
                                "qinglian.db-shm", "qinglian.db-journal", "rejects.csv",
                                "feedback.csv",    "report.html"};
  for (const char* name : {kGenEmployeesFile, kGenTrafficFile, kGenPublicSecurityFile,
                           kGenSubsidiesFile, kGenDeathsFile, kGenBusinessesFile})
    ours.insert(name);
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

Status RunDemo(const DemoRequest& request, std::ostream& out) {
  const fs::path dir(request.dir);
  if (!request.catalog) return Status::Error("no data files to run the demo with");
  const Catalog& catalog = *request.catalog;
  GenOptions gen;
  gen.seed = request.seed;
  Step(out,
       "1. generate the exports (huaihua profile: 7 SOEs, 12,000 employee records; police, civil "
       "affairs, death and business registers)");
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) return Status::Error(request.dir + ": " + ec.message());
  if (Status s = WriteOutputFile((dir / kMarker).string(),
                                 [](std::ostream& o) {
                                   o << "Written by 'qinglian demo': the next demo in this "
                                        "folder replaces its files.\n";
                                 });
      !s.ok())
    return s;
  Result<std::vector<GeneratedFile>> files = GenerateInto(dir.string(), gen);
  if (!files.ok()) return files.status();
  for (const GeneratedFile& f : *files) out << f.path << "\n";

  // The demo starts from an empty database every time.
  const std::string db = DemoStorePath(request.dir);
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;  // absent is fine
    fs::remove(db + suffix, ignored);
  }
  StoreOptions store_options;
  store_options.access = StoreAccess::kCreate;
  Result<std::unique_ptr<Store>> store = Store::Open(db, store_options);
  if (!store.ok()) return store.status();

  Step(out, "2. compare: qinglian run --as-of " + gen.as_of.Iso());
  RunRequest run;
  for (const GeneratedFile& f : *files) run.inputs.push_back({f.kind, f.path});
  run.catalog = &catalog;
  run.models = catalog.models;
  run.as_of = gen.as_of;
  run.actor = request.actor;
  run.audit = request.audit;
  RejectsFile rejects;
  const std::string rejects_path = (dir / "rejects.csv").string();
  if (Status s = rejects.Open(rejects_path); !s.ok()) return s;
  run.on_loaded = [&rejects] { return rejects.Finish(); };
  const Result<RunReport> report = ExecuteRun(run, **store, rejects.sink());
  if (!report.ok()) return report.status();
  if (Status s = rejects.Commit(); !s.ok()) return s;
  out << TerminalText(FormatRunText(*report, request.lang), /*keep_newlines=*/true)
      << "  rejected rows: " << rejects_path << "\n";
  if (report->failed()) return Status::Error("run " + std::to_string(report->run.id) + " failed");

  Step(out, "3. the inspection team's feedback: qinglian dispose --file feedback.csv");
  Result<std::vector<StoredLead>> leads = (*store)->Leads({});
  if (!leads.ok()) return leads.status();
  const std::string feedback = (dir / "feedback.csv").string();
  if (Status s = WriteOutputFile(feedback,
                                 [&](std::ostream& o) { WriteFeedback(*leads, request.seed, o); });
      !s.ok())
    return s;
  Result<const RecordKind*> kind = catalog.Kind("feedback");
  if (!kind.ok()) return kind.status();
  AuditEntry dispose_audit = request.audit;
  Result<FeedbackOutcome> applied =
      ApplyFeedbackFile(**store, feedback, **kind, request.actor, Today(), &dispose_audit);
  if (!applied.ok()) return applied.status();
  if (!applied->errors.empty())
    return Status::Error(applied->errors.front() + " (and " +
                         std::to_string(applied->errors.size() - 1) + " more)");
  out << feedback
      << (request.lang == Lang::kZh
              ? fmt::format("：记录处置 {} 条\n", applied->applied)
              : fmt::format(": {} dispositions recorded\n", applied->applied));

  Step(out, "4. report: qinglian report");
  Result<ReportFigures> figures = (*store)->Figures(0);
  if (!figures.ok()) return figures.status();
  ReportOptions o;
  o.lang = request.lang;
  o.labels = catalog.Labels();
  out << FormatReportText(*figures, o);
  const std::string html = (dir / "report.html").string();
  if (Status s =
          WriteOutputFile(html, [&](std::ostream& os) { os << FormatReportHtml(*figures, o); });
      !s.ok())
    return s;
  out << "\nThe same report as a page: " << html << "\n"
      << "Explore: qinglian --db " << db << " leads | show 1 | export --out leads.xlsx | audit\n";
  return Status::Ok();
}

}  // namespace qinglian
