/** The package and service tools (rpm, service, chkconfig…). Importing registers them. */
import './services.js';
import './rpm.js';
