// Fuzz target: ControlSocket protocol 1.3 commands (READ/WRITE/…DATA/…UNTIL,
// CHECK*, handler names, lengths) against a live router holding the handlers a
// NetServ node exposes (a classifier's config, counters, a queue), once over a
// UNIX-type socket (writes allowed) and once TCP-type (reconfiguration refused).
#include <click/error.hh>
#include <click/router.hh>
#include "userlevel/controlsocket.hh"
#include <unistd.h>
using namespace netserv;

namespace {
class Quiet : public ErrorHandler {
 public:
  void emit(Level, const String&, const String&) override {}
};
struct Fixture {
  std::unique_ptr<Router> router;
  ControlSocket* unix_cs = nullptr;
  ControlSocket* tcp_cs = nullptr;
  Fixture() {
    Quiet errh;
    String sock = "/tmp/netserv-fuzz-cs-" + std::to_string(getpid()) + ".sock";
    router = Router::make(
        "u :: ControlSocket(UNIX, " + sock + ");\n"
        "t :: ControlSocket(TCP, 0);\n"
        "Idle -> ns :: IPClassifier(udp dst port 5060, -); ns[0] -> c :: Counter -> q :: Queue(8) -> Discard;\n"
        "ns[1] -> Discard;\n",
        "fuzz.click", {}, &errh);
    if (!router) abort();
    unix_cs = static_cast<ControlSocket*>(router->find("u"));
    tcp_cs = static_cast<ControlSocket*>(router->find("t"));
    unlink(sock.c_str());
  }
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Fixture f;
  if (size > 16 * 1024) return 0;
  String in(reinterpret_cast<const char*>(data), size);
  (void)f.tcp_cs->converse(in);
  (void)f.unix_cs->converse(in);
  return 0;
}
