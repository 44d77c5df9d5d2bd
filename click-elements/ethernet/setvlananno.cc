// SetVLANAnno. See setvlananno.hh.
#include "setvlananno.hh"
#include <click/args.hh>
#include <click/confparse.hh>
#include <click/checksum.hh>
#include <clicknet/ip.h>
#include <arpa/inet.h>
#include <cstring>
CLICK_DECLS
// VLAN_ID [VLAN_PCP] or "ANNO" -> tci (host order); returns false on error.
static bool parse_vlan(const String& id, const String& pcp, bool& anno, uint16_t& tci, ErrorHandler* errh, const Element* e) {
  anno = false;
  if (id == "ANNO") { anno = true; return true; }
  uint32_t v, p = 0;
  ArgContext ctx(e, errh);
  if (!IntArg().parse(id, v, ctx) || v > 0xFFFF || (!pcp.empty() && v > 0xFFF)) { errh->error("VLAN_ID: expected 0..4095 (or a 16-bit VLAN_TCI)"); return false; }
  if (!pcp.empty() && (!IntArg().parse(pcp, p, ctx) || p > 7)) { errh->error("VLAN_PCP: expected 0..7"); return false; }
  tci = uint16_t(v | (p << 13));
  return true;
}

int SetVLANAnno::configure(Vector<String>& conf, ErrorHandler* errh) {
  String id, pcp;
  bool anno;
  if (Args(conf, this, errh).read_mp("VLAN_ID", AnyArg(), id).read_p("VLAN_PCP", AnyArg(), pcp).read("VLAN_TCI", AnyArg(), id).complete() < 0)
    return -EINVAL;
  if (!parse_vlan(id, pcp, anno, tci_, errh, this)) return -EINVAL;
  return anno ? errh->error("VLAN_ID: expected a number") : 0;
}
EXPORT_ELEMENT(SetVLANAnno)
CLICK_ENDDECLS
