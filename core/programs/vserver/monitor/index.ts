/** vserver-stat, vps and vtop. */
import './vserver-stat.js';
import './vps.js';
