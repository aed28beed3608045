/** Importing this module registers the network programs (ip, ifconfig, route, arp, ping, netstat, nc). */
import './ip.js';
import './ifconfig.js';
import './route.js';
import './arp.js';
import './ping.js';
import './netstat.js';
import './nc.js';
