// ComplaintFiling: everything a complaint report shows, already resolved — the victim's record,
// the respondent as the registry knows it, the rules the engine finds broken, the verified
// evidence with its attachments, and where to file. Built by the complaint export
// (cli/complaint_filing_builder.h), which may use the registry, the screener and the knowledge
// base; this module only renders it (complaint_report_html.h). Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evidence/bundle.h"
#include "evidence/complaint.h"
#include "evidence/hash.h"

namespace jianmei::evidence {

// A provision a rule rests on, as the knowledge base cites it.
struct FilingBasis {
  std::string cite, summary;
  std::string certainty;  // kb certainty name: verified / agreed / single / recalled
};

// One rule broken, as the engine found it: a finding in a post, or a reason of the
// qualification answer.
struct FilingRule {
  std::string title;        // what users read first, e.g. "超出执业范围"
  std::string category;     // contract name, e.g. "beyond_licence_scope"; empty for a reason
  std::string rule;         // the rule id, e.g. "registry.beyond_grade"
  std::string severity;     // critical/high/medium/low; empty for a reason
  std::string quote;        // the words of the post it was found in; empty for a reason
  std::string explanation;  // the engine's sentence
  std::string certainty;    // weakest of the rule and its basis
  std::vector<FilingBasis> basis;
};

// A cited capture entry, screened as a post.
struct ScreenedPost {
  uint64_t index = 0;        // entry index in the log
  std::string verdict;       // violation / suspect / clean
  int risk = 0;
  std::vector<FilingRule> findings;
};

// Whether the respondent may perform the complaint's procedure (registry::Qualify).
struct FilingQualification {
  std::string outcome;  // allowed / not_allowed / unknown
  std::string procedure_name;
  int grade = 0;        // 0: not graded
  std::vector<FilingRule> reasons;
  std::vector<std::string> missing;  // facts the registry lacks, when unknown
};

struct Respondent {
  std::string as_named;  // the complaint's `institution`, as the victim wrote it
  std::string address_as_given;  // the complaint's `institution_address`
  bool resolved = false;  // found as exactly one registry institution
  std::string licence, name, type, city, status, valid_from, valid_until;
  std::string note;  // when not resolved: why (not in the registry, ambiguous, no registry)
};

struct FilingChannel {
  std::string name, contact, handles;
  std::vector<std::string> relevant;  // titles of this complaint's findings the channel handles
  std::string source, certainty;
};

struct ComplaintFiling {
  uint64_t complaint_index = 0;
  Complaint complaint;
  std::string recorded_at;  // when the complaint entry was recorded
  Respondent respondent;
  std::vector<ScreenedPost> posts;  // the cited entries that are captures, in index order
  std::optional<FilingQualification> qualification;  // none when it could not be asked
  std::string qualification_note;  // why there is no qualification answer
  std::string engine_note;    // what the rules section is (kb wording)
  std::string channels_note;  // kb wording
  std::vector<FilingChannel> channels;
  Bundle bundle;            // the exported bundle: the complaint and its cited entries
  BundleReport verified;    // the same bundle, verified (the report shows only what was checked)
  std::string verify_instructions;     // kb wording, filled in (lines separated by '\n')
  std::string generated_at;            // RFC 3339
};

}  // namespace jianmei::evidence
