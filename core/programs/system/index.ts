/** Importing this module registers the process and system programs (ps, top, kill, free, date, nano…). */
import './ps.js';
import './kill.js';
import './memory.js';
import './identity.js';
import './misc.js';
import './date.js';
import './stty.js';
import './top.js';
import './pager.js';
import './nano.js';
import './watch.js';
