// The complaint report: a ComplaintFiling as one self-contained HTML page in Chinese, printable
// on A4 (print CSS), with the evidence's images inline (data: URIs) and the verification
// instructions at the end. Every text from the victim, the log or the knowledge base is
// HTML-escaped; only attachments of an image media type are shown as images. Pure function;
// thread-safe.
#pragma once

#include <string>

#include "evidence/complaint_filing.h"

namespace jianmei::evidence {

std::string RenderComplaintReport(const ComplaintFiling& filing);

// "19,800.00 元" for 1980000 fen.
std::string FormatYuan(int64_t fen);

}  // namespace jianmei::evidence
