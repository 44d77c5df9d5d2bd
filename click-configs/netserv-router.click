// netserv-router.click — the NetServ edge router (DESIGN.md §3, issue #4).
//
// An IPv4 router over two interfaces: ARP (ARPResponder/ARPQuerier), static
// routes (RadixIPLookup), TTL handling with ICMP time exceeded, the router's
// own addresses on a tap device (host-bound traffic reaches the Linux stack and
// its replies come back through the graph), GIST Q-mode diversion to the
// signaling channel S, and the NetServ container classifier `ns`.
//
//   FromDevice(IF0) -> c0 :: Classifier --ARP req--> ARPResponder -> ToDevice(IF0)
//                         |            --ARP rep--> arpq0[1]
//                         +--IP--> Strip(14) -> CheckIPHeader -> GetIPAddress(16)
//                                      |
//   (same for IF1)                      v
//                         gist :: IPClassifier(udp dst port 270 not for us) --> ToUserDevice(S)
//                                      | rest
//                                      v
//                         ns :: IPClassifier(slot0, slot1, slot2, slot3, -)
//                           [k] -> ToUserDevice(k)        FromUserDevice(k) --+
//                           [4] ----------------------------> rt <-------------+
//   tap (router's stack) --> ARP answered / IP -> rt         |  <- FromUserDevice(S)
//                                                            v
//   rt :: RadixIPLookup: [0] to the router itself -> tap
//                        [1] IF0: DropBroadcasts -> FixIPSrc -> DecIPTTL -> arpq0 -> ToDevice(IF0)
//                        [2] IF1: (same)                         DecIPTTL[1] -> ICMPError(timeexceeded) -> rt
//
// Packets from containers carry only their slot's addresses (DESIGN.md 3.7):
// what comes back on toclickK passes only if its source is not the router's
// (meK) and either matches srcK's first pattern (the slot's own sources: its
// prefixes and server address, "src net P or src host A") or its second (the
// destinations diverted packets are passed on to, "dst net P") and is not
// addressed to the router itself (tomeK). Everything else is dropped and
// counted by forgedK (handler forgedK.count). The controller writes srcK.config
// from the slot's policy; until then (false, false) the slot injects nothing.
//
// The controller rewrites ns.config (ControlSocket WRITEDATA, or /click/ns/config
// with --clickfs): one IPClassifier pattern per slot, `false` for a slot with
// no module; the last output `-` continues forwarding. Packets coming back on
// toclickK re-enter at rt (after ns, so they are not classified again).
// Packets the router's own stack sends (from the tap) and packets addressed to
// the router are never diverted to S: the signaling daemon's D-mode and C-mode
// traffic uses ordinary sockets on the tap addresses.
//
// Start it with click-configs/netserv-router.sh (reads the MACs, sets up the
// interfaces, adds the tap's second address); see README.md.

// ---------------------------------------------------------------- parameters
define($IF0 r0, $MAC0 02:00:00:00:00:10, $IP0 10.60.1.254, $PLEN0 24, $NET0 10.60.1.0/24,
       $IF1 r1, $MAC1 02:00:00:00:00:11, $IP1 10.60.2.254, $PLEN1 24, $NET1 10.60.2.0/24,
       // extra static routes, RadixIPLookup syntax: "ADDR/LEN GW OUT" (OUT 1 = IF0, 2 = IF1)
       $ROUTES 255.255.255.255/32 0,
       $TAP nstap0, $TAPMAC 02:00:00:00:00:fe,
       $DEVDIR /run/netserv/dev,
       // initial container classifier patterns, one per slot (false = no module)
       $NS0 false, $NS1 false, $NS2 false, $NS3 false,
       // what slot k may inject on toclickK (see "Packets from containers" above):
       // SRCk its own sources, PASSk the destinations it may pass diverted packets on to
       $SRC0 false, $SRC1 false, $SRC2 false, $SRC3 false,
       $PASS0 false, $PASS1 false, $PASS2 false, $PASS3 false,
       $CAPACITY 1024, $BURST 32)

// ---------------------------------------------------------------- devices
fd0 :: FromDevice($IF0, BURST $BURST);
td0 :: ToDevice($IF0, BURST $BURST);
fd1 :: FromDevice($IF1, BURST $BURST);
td1 :: ToDevice($IF1, BURST $BURST);
// the router's own addresses: $IP0 here, $IP1 added by netserv-router.sh
tap :: KernelTap($IP0/$PLEN0, DEVNAME $TAP, ETHER $TAPMAC);

rt :: RadixIPLookup($IP0/32 0, $IP1/32 0, $NET0 1, $NET1 2, $ROUTES);
// GIST Q-mode (UDP 270) travelling through the router goes to the signaling
// daemon; packets to the router's own addresses go to its stack.
gist :: IPClassifier(udp dst port 270 and not dst host $IP0 and not dst host $IP1, -);

// ---------------------------------------------------------------- NetServ slots
// The container classifier: output k = slot k, the last output = forwarding.
// netserv-router.sh SLOTS=N regenerates the lines between the markers.
// BEGIN SLOTS
ns :: IPClassifier($NS0, $NS1, $NS2, $NS3, -);
ns[0] -> to0 :: ToUserDevice(0, DEVDIR $DEVDIR, CAPACITY $CAPACITY);
ns[1] -> to1 :: ToUserDevice(1, DEVDIR $DEVDIR, CAPACITY $CAPACITY);
ns[2] -> to2 :: ToUserDevice(2, DEVDIR $DEVDIR, CAPACITY $CAPACITY);
ns[3] -> to3 :: ToUserDevice(3, DEVDIR $DEVDIR, CAPACITY $CAPACITY);
ns[4] -> rt;
from0 :: FromUserDevice(0, DEVDIR $DEVDIR) -> CheckIPHeader -> me0 :: IPClassifier(src host $IP0 or src host $IP1, -);
me0[1] -> src0 :: IPClassifier($SRC0, $PASS0, -);
src0[0] -> gia0 :: GetIPAddress(16) -> rt;
src0[1] -> tome0 :: IPClassifier(dst host $IP0 or dst host $IP1, -);
tome0[1] -> gia0;
me0[0] -> forged0 :: Counter -> Discard;
tome0[0] -> forged0;
src0[2] -> forged0;
from1 :: FromUserDevice(1, DEVDIR $DEVDIR) -> CheckIPHeader -> me1 :: IPClassifier(src host $IP0 or src host $IP1, -);
me1[1] -> src1 :: IPClassifier($SRC1, $PASS1, -);
src1[0] -> gia1 :: GetIPAddress(16) -> rt;
src1[1] -> tome1 :: IPClassifier(dst host $IP0 or dst host $IP1, -);
tome1[1] -> gia1;
me1[0] -> forged1 :: Counter -> Discard;
tome1[0] -> forged1;
src1[2] -> forged1;
from2 :: FromUserDevice(2, DEVDIR $DEVDIR) -> CheckIPHeader -> me2 :: IPClassifier(src host $IP0 or src host $IP1, -);
me2[1] -> src2 :: IPClassifier($SRC2, $PASS2, -);
src2[0] -> gia2 :: GetIPAddress(16) -> rt;
src2[1] -> tome2 :: IPClassifier(dst host $IP0 or dst host $IP1, -);
tome2[1] -> gia2;
me2[0] -> forged2 :: Counter -> Discard;
tome2[0] -> forged2;
src2[2] -> forged2;
from3 :: FromUserDevice(3, DEVDIR $DEVDIR) -> CheckIPHeader -> me3 :: IPClassifier(src host $IP0 or src host $IP1, -);
me3[1] -> src3 :: IPClassifier($SRC3, $PASS3, -);
src3[0] -> gia3 :: GetIPAddress(16) -> rt;
src3[1] -> tome3 :: IPClassifier(dst host $IP0 or dst host $IP1, -);
tome3[1] -> gia3;
me3[0] -> forged3 :: Counter -> Discard;
tome3[0] -> forged3;
src3[2] -> forged3;
// END SLOTS

// ---------------------------------------------------------------- interface 0
c0 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
fd0 -> c0;
c0[0] -> ARPResponder($IP0 $MAC0) -> td0;
arpq0 :: ARPQuerier($IP0, $MAC0) -> td0;
c0[1] -> [1]arpq0;
c0[2] -> Strip(14) -> in0 :: CheckIPHeader -> GetIPAddress(16) -> gist;
c0[3] -> Discard;

// ---------------------------------------------------------------- interface 1
c1 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
fd1 -> c1;
c1[0] -> ARPResponder($IP1 $MAC1) -> td1;
arpq1 :: ARPQuerier($IP1, $MAC1) -> td1;
c1[1] -> [1]arpq1;
c1[2] -> Strip(14) -> in1 :: CheckIPHeader -> GetIPAddress(16) -> gist;
c1[3] -> Discard;

// ---------------------------------------------------------------- signaling
// what the daemon sends back (toclickS) is routed like any transit packet
gist[0] -> toS :: ToUserDevice(S, DEVDIR $DEVDIR, CAPACITY $CAPACITY);
gist[1] -> ns;
fromS :: FromUserDevice(S, DEVDIR $DEVDIR) -> CheckIPHeader -> GetIPAddress(16) -> rt;

// ---------------------------------------------------------------- the router's own stack
// Everything the kernel asks ARP for through the tap is "the router" (fake MAC).
tc :: Classifier(12/0806 20/0001, 12/0800, -);
tap -> tc;
tc[0] -> ARPResponder(0.0.0.0/0 02:00:00:00:00:01) -> tap;
tc[1] -> Strip(14) -> CheckIPHeader -> GetIPAddress(16) -> rt;
tc[2] -> Discard;
rt[0] -> EtherEncap(0x0800, 02:00:00:00:00:01, $TAPMAC) -> tap;

// ---------------------------------------------------------------- forwarding out
rt[1] -> DropBroadcasts -> FixIPSrc($IP0) -> dt0 :: DecIPTTL -> arpq0;
dt0[1] -> ICMPError($IP0, timeexceeded) -> rt;
rt[2] -> DropBroadcasts -> FixIPSrc($IP1) -> dt1 :: DecIPTTL -> arpq1;
dt1[1] -> ICMPError($IP1, timeexceeded) -> rt;
