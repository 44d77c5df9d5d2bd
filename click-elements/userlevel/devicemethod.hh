// -*- c++ -*-
// The METHOD keyword of FromDevice/ToDevice, as Click's: how frames reach the
// device. This build has LINUX (AF_PACKET: TPACKET_V3 receive ring, batched
// sendmmsg transmit); Click's other methods are refused by name, so a
// configuration written for them fails clearly instead of running differently.
#ifndef NETSERV_DEVICEMETHOD_HH
#define NETSERV_DEVICEMETHOD_HH
#include <click/error.hh>
CLICK_DECLS

/** Checks METHOD (empty: the default); 0, or -EINVAL after errh->error. */
inline int check_device_method(const String& method, ErrorHandler* errh) {
  if (method.empty() || method == "LINUX") return 0;
  if (method == "PCAP" || method == "NETMAP" || method == "DPDK" || method == "XDP")
    return errh->error("METHOD %s is not available in this build (LINUX: AF_PACKET)", method.c_str());
  return errh->error("METHOD: expected LINUX, got '%s'", method.c_str());
}

CLICK_ENDDECLS
#endif
