// Fuzz target: the Click configuration language (lexer, parser, compound
// expansion, defines) and, for graphs made only of side-effect-free elements,
// instantiation and every element's configure() — classifiers included, whose
// patterns the controller builds from signaled filters.
// libFuzzer entry point; see README.md in this folder.
#include <click/error.hh>
#include <click/lexer.hh>
#include <click/router.hh>
#include <set>
using namespace netserv;

namespace {
// Elements that open no sockets, devices or files when initialized.
const std::set<String>& inert_classes() {
  static const std::set<String> s = {
      "Idle", "Discard", "Counter", "Null", "Tee", "Paint", "PaintSwitch", "Strip", "Unstrip",
      "Classifier", "IPClassifier", "IPFilter", "CheckIPHeader", "CheckTCPHeader", "CheckUDPHeader",
      "GetIPAddress", "SetIPAddress", "DecIPTTL", "MarkIPHeader", "SetIPChecksum", "SetIPDSCP",
      "FixIPSrc", "DropBroadcasts", "IPPrint", "Print", "Queue", "SimpleQueue", "Switch",
      "StaticSwitch", "RoundRobinSwitch", "RadixIPLookup", "LinearIPLookup", "StaticIPLookup",
      "EtherEncap", "EtherRewrite", "HostEtherFilter", "ARPResponder", "ICMPError",
      "ICMPPingResponder", "AddressInfo"};
  return s;
}
class Quiet : public ErrorHandler {
 public:
  void emit(Level, const String&, const String&) override {}
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  String text(reinterpret_cast<const char*>(data), size);
  Quiet errh;
  FlatConfig fc;
  if (parse_click_config(text, "fuzz.click", {}, fc, &errh) < 0) return 0;
  (void)unparse_flat_config(fc);
  if (fc.elements.size() > 64) return 0;
  for (auto& e : fc.elements)
    if (!inert_classes().count(e.class_name)) return 0;
  auto r = Router::make(text, "fuzz.click", {}, &errh);
  if (r) (void)r->flatconfig();
  return 0;
}
