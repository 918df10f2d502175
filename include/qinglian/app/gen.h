// Synthetic exports for demos, tests and benchmarks: the employee base data of
// a city's state-owned enterprises and the city's offence records, in the
// formats real systems write (Chinese headers, GB18030 for the traffic police
// export), with the noise and the bad rows real files carry. The same options
// and seed give the same bytes.
#ifndef QINGLIAN_APP_GEN_H_
#define QINGLIAN_APP_GEN_H_

#include <cstdint>
#include <memory>
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
  uint64_t seed = 1;
  Date as_of = Date::FromYmd(2024, 12, 31);  // the last day of the data
  bool gb18030 = true;  // the traffic police export in GB18030, as such systems write it
};

// Files that Generator writes, by name.
constexpr const char* kGenEmployeesFile = "employees.csv";
constexpr const char* kGenTrafficFile = "offences_traffic.csv";
constexpr const char* kGenPublicSecurityFile = "offences_public_security.csv";

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

  uint64_t persons() const;

 private:
  struct State;
  explicit Generator(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace qinglian

#endif  // QINGLIAN_APP_GEN_H_
