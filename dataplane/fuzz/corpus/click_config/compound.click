elementclass Slot { $k | input -> IPFilter(allow src host $k, deny all) -> output }
define($a 10.0.0.1)
Idle -> s :: Slot($a) -> Strip(14) -> CheckIPHeader -> Discard;
