// What happens to a lead (DOMAIN.md): new -> transferred for verification
// (to a body, with a deadline) -> closed with one or more outcomes on three
// tracks, or not borne out; a closed lead can be reopened on appeal or
// review (申诉/复查) and goes back to transferred, its old outcomes kept in
// its history. A case may be filed on the way and money recovered; a
// sanction (党纪 or 政务 处分) needs a filed case.
#ifndef QINGLIAN_CORE_WORKFLOW_H_
#define QINGLIAN_CORE_WORKFLOW_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "qinglian/base/date.h"
#include "qinglian/base/status.h"
#include "qinglian/core/vocab.h"

namespace qinglian {

// The tracks an outcome belongs to.
enum class Track : uint8_t { kParty, kGov, kHandling, kNotBorneOut };
template <>
struct Terms<Track> {
  static constexpr Term kTable[] = {
      {"party", "党纪处分", "Party discipline"},
      {"gov", "政务处分", "governmental sanction", "纪律处分"},
      {"handling", "组织处理", "organisational handling", "其他处理"},
      {"not_borne_out", "不属实", "not borne out", "予以了结"},
  };
};

// Heaviest last within each track; the tracks in the order of Track.
enum class Outcome : uint8_t {
  kPartyWarning,
  kPartySeriousWarning,
  kPartyPostRemoval,
  kPartyProbation,
  kPartyExpulsion,
  kGovWarning,
  kGovDemerit,
  kGovMajorDemerit,
  kGovDemotion,
  kGovRemoval,
  kGovDismissal,
  kCriticism,
  kReminderTalk,
  kOrderedReview,
  kCirculatedCriticism,
  kAdmonishment,
  kTransferPost,
  kRemovalFromOffice,
  kJudicialReferral,
  kUnfounded,
  kConcluded,
};
// Labels are unique, so that a label written into an export reads back as
// itself. 警告 and "warning" are aliases of both warnings: alone they are
// ambiguous (ParseOutcomes says so). 政务X and 纪律X name the 政务 steps
// (纪律处分 for staff who are not public officials has the same steps).
template <>
struct Terms<Outcome> {
  static constexpr Term kTable[] = {
      {"party_warning", "党内警告", "Party warning", "警告|warning|党纪警告"},
      {"party_serious_warning", "严重警告", "serious Party warning", "党内严重警告"},
      {"party_post_removal", "撤销党内职务", "removal from Party posts"},
      {"party_probation", "留党察看", "Party probation"},
      {"party_expulsion", "开除党籍", "expulsion from the Party"},
      {"gov_warning", "政务警告", "governmental warning", "警告|warning|纪律警告"},
      {"gov_demerit", "记过", "demerit", "政务记过|纪律记过"},
      {"gov_major_demerit", "记大过", "major demerit", "政务记大过|纪律记大过|major_demerit"},
      {"gov_demotion", "降级", "demotion", "政务降级|纪律降级"},
      {"gov_removal", "撤职", "removal from post", "政务撤职|纪律撤职|撤职处分|removal"},
      {"gov_dismissal", "开除", "dismissal", "政务开除|纪律开除|开除公职"},
      {"criticism", "批评教育", "criticism and education"},
      {"reminder_talk", "谈话提醒", "reminder talk", "提醒谈话"},
      {"ordered_review", "责令检查", "ordered review", "责令作出书面检查"},
      {"circulated_criticism", "通报批评", "circulated criticism"},
      {"admonishment", "诫勉", "admonishment", "诫勉谈话"},
      {"transfer_post", "调离岗位", "transfer from the post", "调岗"},
      {"removal_from_office", "免职", "removal from office", "免去职务"},
      {"judicial_referral", "移送司法机关", "referral to the judiciary", "移送司法"},
      {"unfounded", "不属实", "unfounded", "查无实据"},
      {"concluded", "予以了结", "concluded", "了结"},
  };
};
constexpr int kOutcomeCount = static_cast<int>(std::size(Terms<Outcome>::kTable));

Track TrackOf(Outcome o);
// 党纪 or 政务 处分.
bool IsSanction(Outcome o);
// Anything but not borne out (不属实, 予以了结).
bool IsHandled(Outcome o);

// The outcomes of one decision, in the vocabulary's order.
class OutcomeSet {
 public:
  OutcomeSet() = default;
  OutcomeSet(std::initializer_list<Outcome> outcomes) {
    for (Outcome o : outcomes) Add(o);
  }
  void Add(Outcome o) { bits_ |= Bit(o); }
  void Add(OutcomeSet s) { bits_ |= s.bits_; }
  bool Has(Outcome o) const { return (bits_ & Bit(o)) != 0; }
  bool empty() const { return bits_ == 0; }
  std::vector<Outcome> list() const;
  bool HasSanction() const;
  // Not empty, and nothing but not borne out.
  bool NotBorneOut() const;
  // 双开: expelled from the Party and dismissed.
  bool DoubleExpulsion() const {
    return Has(Outcome::kPartyExpulsion) && Has(Outcome::kGovDismissal);
  }
  bool operator==(const OutcomeSet&) const = default;

 private:
  static uint32_t Bit(Outcome o) { return uint32_t{1} << static_cast<int>(o); }
  uint32_t bits_ = 0;
};

// "party_probation,gov_removal"; "" for none.
std::string OutcomeCodes(const OutcomeSet& s, std::string_view sep = ",");
// "留党察看、撤职"; "Party probation, removal from post".
std::string OutcomeLabels(const OutcomeSet& s, Lang lang);

// Reads outcomes as users type them: a code, a label or an alias, or several
// in one text separated by 、 ; ； , or ，. 双开 (double_expulsion) is 开除党籍
// and 开除. Errors: "unknown outcome 'fined'"; "警告 is ambiguous: 党内警告
// (party_warning) or 政务警告 (gov_warning)".
Result<OutcomeSet> ParseOutcomes(std::string_view text);

// The part of a lead that dispositions change.
struct LeadState {
  LeadStatus status = LeadStatus::kNew;
  OutcomeSet outcomes;  // once closed
  bool case_filed = false;
  int64_t recovered_fen = 0;
  std::string handler;         // who took the latest step
  Date handled_on;             // on which day
  std::string transferred_to;  // the body verifying it
  Date due;                    // the deadline of the verification
};

// One step an auditor records.
struct Disposition {
  int64_t lead_id = 0;
  LeadStatus status = LeadStatus::kTransferred;  // transferred or closed
  bool reopen = false;  // closed -> transferred again (申诉/复查); `status` is ignored
  OutcomeSet outcomes;
  std::optional<bool> case_filed;
  std::optional<int64_t> recovered_fen;
  std::string note;
  std::string by;  // who decided
  Date date;       // the day of the step
  std::string to;  // the receiving body, on a transfer
  Date due;        // the deadline, on a transfer
};

// Applies `d` to `state` when the workflow allows it; otherwise says why in
// one line and leaves `state` unchanged. The rules: new -> transferred ->
// closed, and closed -> transferred by reopening, which needs a note and
// clears the outcomes; closing needs outcomes and only closing takes them; a
// sanction needs a case filed now or before; at most one sanction per track;
// not borne out goes with no sanction; a receiving body and a deadline go
// with a transfer or a reopening.
Status ApplyDisposition(const Disposition& d, LeadState* state);

}  // namespace qinglian

#endif  // QINGLIAN_CORE_WORKFLOW_H_
