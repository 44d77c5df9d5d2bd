// packetview.hh -- how the classification elements show an engine Packet to
// a compiled Program.
#ifndef NETSERV_CLASSIFY_PACKETVIEW_HH
#define NETSERV_CLASSIFY_PACKETVIEW_HH
#include "classify/program.hh"

#include <click/packet.hh>

namespace netserv::classify {

// Classifier offsets count from the packet's first byte.
inline PacketView data_view(const Packet* p) {
    return PacketView{p->data(), p->length(), -1};
}

// IPFilter offsets use the header annotations.  The view starts at the
// lowest annotated header, which after a Strip lies before data(), so the
// MAC header stays reachable for "ether host" tests.
inline PacketView header_view(const Packet* p) {
    const unsigned char* base = p->data();
    if (p->has_mac_header() && p->mac_header() < base)
        base = p->mac_header();
    if (p->has_network_header() && p->network_header() < base)
        base = p->network_header();
    PacketView v{base, uint32_t(p->end_data() - base), -1};
    if (p->has_network_header()) {
        v.network_offset = int32_t(p->network_header() - base);
        if (p->has_transport_header() && p->transport_header() >= p->network_header())
            v.transport_offset = int32_t(p->transport_header() - base);
    }
    if (p->has_mac_header())
        v.mac_offset = int32_t(p->mac_header() - base);
    return v;
}

}  // namespace netserv::classify
#endif
