#include "evidence/timestamp.h"

#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>

#include <ctime>
#include <memory>

#include "evidence/hash.h"

namespace jianmei::evidence {
namespace {

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const { Free(p); }
};
using TsReq = std::unique_ptr<TS_REQ, Deleter<TS_REQ_free>>;
using TsResp = std::unique_ptr<TS_RESP, Deleter<TS_RESP_free>>;
using TsMsgImprint = std::unique_ptr<TS_MSG_IMPRINT, Deleter<TS_MSG_IMPRINT_free>>;
using TsTstInfo = std::unique_ptr<TS_TST_INFO, Deleter<TS_TST_INFO_free>>;
using TsVerifyCtx = std::unique_ptr<TS_VERIFY_CTX, Deleter<TS_VERIFY_CTX_free>>;
using Pkcs7 = std::unique_ptr<PKCS7, Deleter<PKCS7_free>>;
using Algor = std::unique_ptr<X509_ALGOR, Deleter<X509_ALGOR_free>>;
using Bignum = std::unique_ptr<BIGNUM, Deleter<BN_free>>;
using Asn1Integer = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER_free>>;
using Bio = std::unique_ptr<BIO, Deleter<BIO_free_all>>;
using Store = std::unique_ptr<X509_STORE, Deleter<X509_STORE_free>>;
using Cert = std::unique_ptr<X509, Deleter<X509_free>>;

// The OpenSSL error queue as one line (and cleared), so errors say why, not just that.
std::string OpensslErrors() {
  std::string out;
  while (unsigned long e = ERR_get_error()) {
    char buf[256];
    ERR_error_string_n(e, buf, sizeof buf);
    if (!out.empty()) out += "; ";
    out += buf;
  }
  return out.empty() ? "no detail from OpenSSL" : out;
}

Status Fail(const std::string& what) {
  return Status::InvalidArgument("timestamp: " + what + " (" + OpensslErrors() + ")");
}

// Owner (one of the unique_ptr types above) of the object `der` encodes exactly, or null.
template <typename Owner, typename D>
Owner DecodeDer(D d2i, std::string_view der) {
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  Owner out(d2i(nullptr, &p, static_cast<long>(der.size())));
  // Trailing bytes would let two different byte strings stand for one token.
  if (out && p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) out.reset();
  return out;
}

template <typename T, typename I>
Result<std::string> EncodeDer(I i2d, T* obj, const char* what) {
  int len = i2d(obj, nullptr);
  if (len <= 0) return Fail(std::string("cannot encode the ") + what);
  std::string out(static_cast<size_t>(len), '\0');
  unsigned char* p = reinterpret_cast<unsigned char*>(out.data());
  if (i2d(obj, &p) != len) return Fail(std::string("cannot encode the ") + what);
  return out;
}

std::string GenTime(const ASN1_GENERALIZEDTIME* t) {
  std::tm tm{};
  if (!t || ASN1_TIME_to_tm(t, &tm) != 1) return "";
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string SerialHex(const ASN1_INTEGER* serial) {
  Bignum bn(serial ? ASN1_INTEGER_to_BN(serial, nullptr) : nullptr);
  if (!bn) return "";
  char* hex = BN_bn2hex(bn.get());
  std::string out = hex ? hex : "";
  OPENSSL_free(hex);
  return out;
}

std::string OidText(const ASN1_OBJECT* oid) {
  if (!oid) return "";
  char buf[128];
  int n = OBJ_obj2txt(buf, sizeof buf, oid, /*no_name=*/1);
  return n > 0 && static_cast<size_t>(n) < sizeof buf ? std::string(buf, n) : "";
}

Result<Store> TrustStore(std::string_view pem) {
  Store store(X509_STORE_new());
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!store || !bio) return Fail("out of memory");
  int count = 0;
  while (Cert cert{PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)}) {
    if (X509_STORE_add_cert(store.get(), cert.get()) != 1) return Fail("cannot trust a certificate");
    ++count;
  }
  ERR_clear_error();  // the loop ends on "no start line"
  if (count == 0) return Status::InvalidArgument("timestamp: the TSA certificate file holds no PEM certificate");
  X509_STORE_set_flags(store.get(), X509_V_FLAG_PARTIAL_CHAIN);
  return store;
}

}  // namespace

Result<std::string> MakeTimestampQuery(std::string_view message) {
  Hash digest = Sha256(message);
  TsReq req(TS_REQ_new());
  TsMsgImprint imprint(TS_MSG_IMPRINT_new());
  Algor algo(X509_ALGOR_new());
  if (!req || !imprint || !algo) return Fail("out of memory");
  X509_ALGOR_set_md(algo.get(), EVP_sha256());
  unsigned char nonce_bytes[8];
  if (RAND_bytes(nonce_bytes, sizeof nonce_bytes) != 1) return Fail("no randomness for the nonce");
  nonce_bytes[0] &= 0x7f;  // a positive INTEGER of at most 64 bits
  Bignum nonce_bn(BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr));
  Asn1Integer nonce(nonce_bn ? BN_to_ASN1_INTEGER(nonce_bn.get(), nullptr) : nullptr);
  if (!nonce || TS_REQ_set_version(req.get(), 1) != 1 ||
      TS_MSG_IMPRINT_set_algo(imprint.get(), algo.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(imprint.get(), digest.data(), static_cast<int>(digest.size())) != 1 ||
      TS_REQ_set_msg_imprint(req.get(), imprint.get()) != 1 ||
      TS_REQ_set_nonce(req.get(), nonce.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1) {
    return Fail("cannot build the query");
  }
  return EncodeDer(i2d_TS_REQ, req.get(), "query");
}

Result<std::string> TokenFromResponse(std::string_view query_der, std::string_view response_der) {
  TsReq req = DecodeDer<TsReq>(d2i_TS_REQ, query_der);
  if (!req) return Fail("the query is not a DER TimeStampReq");
  TsResp resp = DecodeDer<TsResp>(d2i_TS_RESP, response_der);
  if (!resp) return Fail("the TSA's answer is not a DER TimeStampResp");
  TsVerifyCtx ctx(TS_REQ_to_TS_VERIFY_CTX(req.get(), nullptr));
  if (!ctx) return Fail("cannot set up the response check");
  // Status "granted", version, imprint and nonce; the signature is VerifyTimestampToken's job.
  TS_VERIFY_CTX_set_flags(ctx.get(), TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_NONCE);
  if (TS_RESP_verify_response(ctx.get(), resp.get()) != 1) {
    return Fail("the TSA's response does not answer this query");
  }
  PKCS7* token = TS_RESP_get_token(resp.get());
  if (!token) return Fail("the TSA's response holds no token");
  auto der = EncodeDer(i2d_PKCS7, token, "token");
  if (der.ok() && der->size() > kMaxTimestampTokenBytes) {
    return Status::InvalidArgument("timestamp: token of " + std::to_string(der->size()) +
                                   " bytes exceeds the limit of " +
                                   std::to_string(kMaxTimestampTokenBytes));
  }
  return der;
}

Result<TimestampInfo> VerifyTimestampToken(std::string_view token_der, std::string_view message,
                                           std::string_view trusted_pem) {
  if (token_der.empty()) return Status::InvalidArgument("timestamp: the token is empty");
  if (token_der.size() > kMaxTimestampTokenBytes) {
    return Status::InvalidArgument("timestamp: token of " + std::to_string(token_der.size()) +
                                   " bytes exceeds the limit of " +
                                   std::to_string(kMaxTimestampTokenBytes));
  }
  Pkcs7 token = DecodeDer<Pkcs7>(d2i_PKCS7, token_der);
  if (!token) return Fail("the token is not DER CMS SignedData");
  TsTstInfo info(PKCS7_to_TS_TST_INFO(token.get()));
  if (!info) return Fail("the token holds no TSTInfo");
  const X509_ALGOR* algo = TS_MSG_IMPRINT_get_algo(TS_TST_INFO_get_msg_imprint(info.get()));
  const ASN1_OBJECT* algo_oid = nullptr;
  if (algo) X509_ALGOR_get0(&algo_oid, nullptr, nullptr, algo);
  if (!algo_oid || OBJ_obj2nid(algo_oid) != NID_sha256) {
    return Status::InvalidArgument("timestamp: the token's imprint is not SHA-256");
  }
  Hash digest = Sha256(message);
  TsVerifyCtx ctx(TS_VERIFY_CTX_new());
  if (!ctx) return Fail("out of memory");
  int flags = TS_VFY_VERSION | TS_VFY_IMPRINT;
  unsigned char* imprint = static_cast<unsigned char*>(OPENSSL_memdup(digest.data(), digest.size()));
  if (!imprint) return Fail("out of memory");
  TS_VERIFY_CTX_set_imprint(ctx.get(), imprint, static_cast<long>(digest.size()));  // takes it
  TimestampInfo out;
  if (!trusted_pem.empty()) {
    auto store = TrustStore(trusted_pem);
    if (!store.ok()) return store.status();
    TS_VERIFY_CTX_set_store(ctx.get(), store->release());  // takes it
    flags |= TS_VFY_SIGNATURE;
    out.signature_checked = true;
  }
  TS_VERIFY_CTX_set_flags(ctx.get(), flags);
  if (TS_RESP_verify_token(ctx.get(), token.get()) != 1) {
    return Fail(trusted_pem.empty() ? "the token is not over this checkpoint"
                                    : "the token is not over this checkpoint or not signed by a "
                                      "TSA chaining to the given certificate");
  }
  out.gen_time = GenTime(TS_TST_INFO_get_time(info.get()));
  out.serial = SerialHex(TS_TST_INFO_get_serial(info.get()));
  out.policy = OidText(TS_TST_INFO_get_policy_id(info.get()));
  return out;
}

}  // namespace jianmei::evidence
