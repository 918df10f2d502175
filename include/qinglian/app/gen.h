// Synthetic exports for demos, tests and benchmarks: the employee base data of
// a city's state-owned enterprises, the city's offence records, and three other
// offices' registers (subsistence allowances, deaths, business roles), in the
// formats real systems write (Chinese headers, GB18030 for the traffic police
// and civil affairs exports), with the noise and the bad rows real files carry.
// The other offices' files hold planted cases at every edge of their models'
// relations in time, hits and near misses alike. The same options and seed
// give the same bytes.
#ifndef QINGLIAN_APP_GEN_H_
#define QINGLIAN_APP_GEN_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/lead.h"

namespace qinglian {

struct GenOptions {
  std::string profile = "huaihua";
  uint64_t employees = 12000;  // employee records; persons are about 58% of them
  uint64_t offences = 20000;   // offence records of the whole city
  // Rows of the other offices' registers; unset: in proportion to the roster
  // (half, a sixth and five twelfths of the employee records).
  std::optional<uint64_t> subsidies, deaths, businesses;
  uint64_t seed = 1;
  Date as_of = Date::FromYmd(2024, 12, 31);  // the last day of the data
  bool gb18030 = true;  // the traffic police export in GB18030, as such systems write it
  // Roster persons planted for the near matches (`qinglian review`): an ID
  // number a spreadsheet or a slip damaged, or a name the other record
  // writes another way, each with an offence in their employment; and the
  // traps, a fifth as many: a namesake with the same birth date in the same
  // county, a namesake in another unit. The truth goes to kGenNearTruthFile.
  uint64_t near = 0;
};

// Files that Generator writes, by name.
constexpr const char* kGenEmployeesFile = "employees.csv";
constexpr const char* kGenTrafficFile = "offences_traffic.csv";
constexpr const char* kGenPublicSecurityFile = "offences_public_security.csv";
constexpr const char* kGenSubsidiesFile = "subsidies.csv";
constexpr const char* kGenDeathsFile = "deaths.csv";
constexpr const char* kGenBusinessesFile = "businesses.csv";
// With GenOptions::near: which roster line each planted offence belongs to.
constexpr const char* kGenNearTruthFile = "near_truth.csv";

// A record planted in another office's register on a roster person, with
// what its model must make of it.
struct PlantedCase {
  std::string model;      // subsidy_while_employed, payroll_after_death, business_while_employed
  std::string id_number;  // the person's, 18 characters
  bool lead = false;      // the model makes a lead of it
  std::string edge;       // what the case tests ("overlap of one day")
};

// One file GenerateInto wrote, and the kind of records it holds.
struct GeneratedFile {
  std::string kind;
  std::string path;
};

// The inspection team's feedback on `leads`, as an outcomes file that
// `dispose --file` reads: most leads transferred, most of those closed, with
// outcomes from criticism to double expulsion, cases filed for sanctions and
// money recovered in some. Decided per lead from `seed` and the lead's key,
// so the same leads and seed give the same file.
void WriteFeedback(const std::vector<StoredLead>& leads, uint64_t seed, std::ostream& out);

// Writes every synthetic export into `dir` (made when missing), each file
// whole or not at all; returns them in the order a run takes them.
Result<std::vector<GeneratedFile>> GenerateInto(const std::string& dir, const GenOptions& options);

class Generator {
 public:
  // Fails on an unknown profile or impossible sizes.
  static Result<std::unique_ptr<Generator>> Create(const GenOptions& options);
  ~Generator();

  // The SOE employee base data (UTF-8 with a byte-order mark).
  void WriteEmployees(std::ostream& out) const;
  // Drink and drunk driving records of the traffic police.
  void WriteTrafficOffences(std::ostream& out) const;
  // Prostitution, gambling and drug records of the public security bureau.
  void WritePublicSecurityOffences(std::ostream& out) const;
  // Subsistence allowance recipients of civil affairs (GB18030 unless UTF-8 is asked for).
  void WriteSubsidies(std::ostream& out) const;
  // Death registrations (UTF-8).
  void WriteDeaths(std::ostream& out) const;
  // Roles in enterprises from the market regulator's register (UTF-8 with a byte-order mark).
  void WriteBusinesses(std::ostream& out) const;

  // The truth of the near matches planted (GenOptions::near), as CSV:
  // roster_file,roster_line,other_file,other_line,kind,trap,true_id. One row
  // per plant (other_line 0 for a trap that has no record of its own), then
  // one per roster row damaged by the ordinary noise (kind base_noise, no
  // other record): a candidate of a roster line is right when its other
  // record carries the line's true_id.
  void WriteNearTruth(std::ostream& out) const;

  // The cases planted in the three registers above, in the order written.
  std::vector<PlantedCase> Planted() const;

  uint64_t persons() const;

 private:
  struct State;
  explicit Generator(std::unique_ptr<State> state);
  // WriteEmployees, collecting the lines whose ID number the noise broke
  // (line, true number) in `broken` when given.
  void EmployeeRows(std::ostream& out, std::vector<std::pair<uint64_t, std::string>>* broken) const;
  std::unique_ptr<State> state_;
};

}  // namespace qinglian

#endif  // QINGLIAN_APP_GEN_H_
