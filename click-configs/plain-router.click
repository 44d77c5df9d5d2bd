// plain-router.click — the same IPv4 router as netserv-router.click without
// NetServ (no GIST diversion, no container classifier, no channels): the
// baseline of the benchmarks (configuration 2p) and a plain Click router.
// Same defines; start it with `netserv-router.sh --plain ...`.
//
//   FromDevice -> Classifier -> ARP / Strip -> CheckIPHeader -> GetIPAddress -> rt
//   rt[0] -> tap (the router's stack)   rt[1..2] -> FixIPSrc -> DecIPTTL -> ARPQuerier -> ToDevice

define($IF0 r0, $MAC0 02:00:00:00:00:10, $IP0 10.60.1.254, $PLEN0 24, $NET0 10.60.1.0/24,
       $IF1 r1, $MAC1 02:00:00:00:00:11, $IP1 10.60.2.254, $PLEN1 24, $NET1 10.60.2.0/24,
       $ROUTES 255.255.255.255/32 0,
       $TAP nstap0, $TAPMAC 02:00:00:00:00:fe,
       $DEVDIR /run/netserv/dev, $BURST 32)

fd0 :: FromDevice($IF0, BURST $BURST);
td0 :: ToDevice($IF0, BURST $BURST);
fd1 :: FromDevice($IF1, BURST $BURST);
td1 :: ToDevice($IF1, BURST $BURST);
tap :: KernelTap($IP0/$PLEN0, DEVNAME $TAP, ETHER $TAPMAC);
rt :: RadixIPLookup($IP0/32 0, $IP1/32 0, $NET0 1, $NET1 2, $ROUTES);

c0 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
fd0 -> c0;
c0[0] -> ARPResponder($IP0 $MAC0) -> td0;
arpq0 :: ARPQuerier($IP0, $MAC0) -> td0;
c0[1] -> [1]arpq0;
c0[2] -> Strip(14) -> CheckIPHeader -> GetIPAddress(16) -> rt;
c0[3] -> Discard;

c1 :: Classifier(12/0806 20/0001, 12/0806 20/0002, 12/0800, -);
fd1 -> c1;
c1[0] -> ARPResponder($IP1 $MAC1) -> td1;
arpq1 :: ARPQuerier($IP1, $MAC1) -> td1;
c1[1] -> [1]arpq1;
c1[2] -> Strip(14) -> CheckIPHeader -> GetIPAddress(16) -> rt;
c1[3] -> Discard;

tc :: Classifier(12/0806 20/0001, 12/0800, -);
tap -> tc;
tc[0] -> ARPResponder(0.0.0.0/0 02:00:00:00:00:01) -> tap;
tc[1] -> Strip(14) -> CheckIPHeader -> GetIPAddress(16) -> rt;
tc[2] -> Discard;
rt[0] -> EtherEncap(0x0800, 02:00:00:00:00:01, $TAPMAC) -> tap;

rt[1] -> DropBroadcasts -> FixIPSrc($IP0) -> dt0 :: DecIPTTL -> arpq0;
dt0[1] -> ICMPError($IP0, timeexceeded) -> rt;
rt[2] -> DropBroadcasts -> FixIPSrc($IP1) -> dt1 :: DecIPTTL -> arpq1;
dt1[1] -> ICMPError($IP1, timeexceeded) -> rt;
