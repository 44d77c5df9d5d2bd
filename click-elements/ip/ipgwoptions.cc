// IPGWOptions. See ipgwoptions.hh.
#include "ipgwoptions.hh"
#include <click/args.hh>
#include <click/checksum.hh>
#include <click/confparse.hh>
#include <clicknet/ip.h>
#include <cstring>
CLICK_DECLS

int IPGWOptions::configure(Vector<String>& conf, ErrorHandler* errh) {
  String others;
  if (Args(conf, this, errh).read_mp("MYADDR", my_addr_).read_p("OTHERADDRS", AnyArg(), others).complete() < 0) return -EINVAL;
  Vector<String> w;
  cp_spacevec(others, w);
  ArgContext ctx(this, errh);
  for (auto& s : w) {
    IPAddress a;
    if (!IPAddressArg().parse(s, a, ctx)) return errh->error("OTHERADDRS: expected IP addresses, not '%s'", s.c_str());
    other_addrs_.push_back(a);
  }
  return 0;
}

bool IPGWOptions::is_mine(const unsigned char* a) const {
  IPAddress x(a);
  if (x == my_addr_) return true;
  for (auto& o : other_addrs_) if (o == x) return true;
  return false;
}

Packet* IPGWOptions::handle_options(Packet* p) {
  const click_ip* iph = p->ip_header();
  int hl = iph->ip_hl * 4;
  if (hl <= 20) return p;
  WritablePacket* q = p->uniqueify();
  if (!q) return nullptr;
  unsigned char* o = q->network_header();
  bool changed = false;
  int bad = -1;
  for (int i = 20; i < hl && bad < 0;) {
    int k = o[i];
    if (k == IPOPT_EOL) break;
    if (k == IPOPT_NOP) { ++i; continue; }
    if (i + 1 >= hl || o[i + 1] < 2 || i + o[i + 1] > hl) { bad = i + 1; break; }
    int ol = o[i + 1];
    if (k == IPOPT_RR) {
      int ptr = ol >= 3 ? o[i + 2] : 0;
      if (ol < 3 || ptr < 4) { bad = i + 2; break; }
      if (ptr + 3 <= ol) {   // room for one more address
        memcpy(o + i + ptr - 1, my_addr_.data(), 4);
        o[i + 2] = ptr + 4;
        changed = true;
      }
    } else if (k == IPOPT_TS) {
      if (ol < 4) { bad = i + 1; break; }
      int ptr = o[i + 2], flag = o[i + 3] & 0xF, oflw = o[i + 3] >> 4;
      if (ptr < 5) { bad = i + 2; break; }
      Timestamp now = Timestamp::now();
      uint32_t ms = htonl(uint32_t((now.sec() % 86400) * 1000 + now.msec()));
      int need = flag == 0 ? 4 : 8;
      if (flag != 0 && flag != 1 && flag != 3) { bad = i + 3; break; }
      if (ptr + need - 1 <= ol) {
        if (flag == 0) { memcpy(o + i + ptr - 1, &ms, 4); o[i + 2] = ptr + 4; changed = true; }
        else if (flag == 1) {
          memcpy(o + i + ptr - 1, my_addr_.data(), 4);
          memcpy(o + i + ptr + 3, &ms, 4);
          o[i + 2] = ptr + 8;
          changed = true;
        } else if (is_mine(o + i + ptr - 1)) {
          memcpy(o + i + ptr + 3, &ms, 4);
          o[i + 2] = ptr + 8;
          changed = true;
        }
      } else if (flag != 3 || ptr <= ol) {   // full: count the overflow
        if (oflw == 15) { bad = i + 3; break; }
        o[i + 3] = ((oflw + 1) << 4) | flag;
        changed = true;
      }
    }
    i += ol;
  }
  if (bad >= 0) {
    ++drops_;
    SET_ICMP_PARAMPROB_ANNO(q, bad);
    checked_output_push(1, q);
    return nullptr;
  }
  if (changed) {
    click_ip* wh = reinterpret_cast<click_ip*>(o);
    wh->ip_sum = 0;
    wh->ip_sum = click_in_cksum(o, hl);
  }
  return q;
}

Packet* IPGWOptions::simple_action(Packet* p) {
  const click_ip* iph = p->ip_header();
  if (!iph || iph->ip_hl <= 5) return p;
  return handle_options(p);
}

void IPGWOptions::add_handlers() { add_read_handler("drops", [this]() { return std::to_string(drops_); }); }
EXPORT_ELEMENT(IPGWOptions)
CLICK_ENDDECLS
