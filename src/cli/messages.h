// The command line's messages in both languages, from one table. Each entry
// is an English pattern and its Chinese one, "{}" standing for the words
// that change. The CLI says a message of its own by its id (Say), and turns
// a library's English message into Chinese by finding the entry whose
// pattern it fits (Translate); a message no entry fits is left in English.
#ifndef QINGLIAN_CLI_MESSAGES_H_
#define QINGLIAN_CLI_MESSAGES_H_

#include <fmt/args.h>
#include <fmt/format.h>

#include <string>
#include <string_view>

#include "qinglian/core/vocab.h"

namespace qinglian::cli {

enum class Msg {
  kNoSuchFile,
  kPermissionDenied,
  kNoSuchLead,
  kNoSuchDatabase,
  kNotADatabase,
  kEmptyDatabase,
  kOtherTables,
  kSchemaNewer,
  kCannotWriteStore,
  kNoSuccessfulRun,
  kRunFailedRejects,
  kRunFailed,
  kUnknownKind,
  kUnknownModel,
  kUnknownStatus,
  kUnknownType,
  kUnknownEncoding,
  kNoUnitMatches,
  kSeveralUnitsMatch,
  kNoColumn,
  kImpossibleDate,
  kUnmaskNeedsReason,
  kReasonOnlyForUnmask,
  kOptionRequired,
  kOptionNotIn,
  kNotExpected,
  kCommandRequired,
  kBadOption,
  // What commands print on stdout.
  kAuditIntact,
  kAuditHead,
  kAuditCannotVerify,
  kAuditBroken,
  kAuditEmpty,
  kLeadsWritten,
  kUnitsWritten,
  kPersonWritten,
  kPersonsWritten,
  kAliasSet,
  kExpectationSet,
  kExpectationRemoved,
  kUnitNotSeen,
  kDisposed,
  kFeedbackApplied,
  kBlankRowsSkipped,
  kDefaultDueDays,
  // The workflow's refusals (core/workflow.cc), for Translate.
  kUnknownOutcome,
  kAmbiguousOutcome,
  kCloseNeedsOutcome,
  kNewBeforeClose,
  kSanctionNeedsCase,
  kAlreadyClosed,
  kAlreadyTransferred,
  kReopenNotClosed,
  kReopenNeedsNote,
  kBadLine,
  kBadLines,
  // The review queue's screen (review_command.cc), by id only.
  kReviewNone,
  kReviewHeader,
  kReviewRoster,
  kReviewOther,
  kReviewPeriod,
  kReviewPeriodOpen,
  kReviewJudgement,
  kReviewNotSettled,
  kReviewJudged,
  kReviewMatched,
  kRuleDamagedId,
  kRuleOneDigit,
  kVerdictSame,
  kVerdictDifferent,
  kVerdictUnsure,
};

// The language of messages: --lang when the command line has it, else the
// locale. main() sets it before the flags are parsed, so that the flags'
// own checks speak it too.
void SetMessageLang(Lang lang);
Lang MessageLang();

// The pattern of `id` in `lang`.
std::string_view Pattern(Msg id, Lang lang);

// The message `id` in the message language, its "{}" filled with `args`.
template <typename... Args>
std::string Say(Msg id, const Args&... args) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  (store.push_back(args), ...);
  return fmt::vformat(Pattern(id, MessageLang()), store);
}

// `message` in `lang`: in Chinese, the entry's Chinese pattern filled with
// the words the English one matched, where an entry fits the whole message
// or what follows a "where: " prefix ("--kind: unknown record kind ...").
std::string Translate(const std::string& message, Lang lang);

}  // namespace qinglian::cli

#endif  // QINGLIAN_CLI_MESSAGES_H_
