/** Importing this module registers the era-B context tools: chcontext and chbind. */
import './chcontext.js';
import './chbind.js';
import './vattribute.js';
import './vuname.js';
import './vkill.js';
import './vlimit.js';
import './vsched.js';
import './vcontext.js';
