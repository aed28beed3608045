/**
 * Guest management: the `vserver` program (build, start, stop, enter, exec…), the build methods'
 * installer plug, and the host's util-vserver init scripts as a layout snippet.
 */
import './vserver.js';

export { setDistributionInstaller, installMinimalDistribution, type DistributionInstaller, type InstallRequest } from './install.js';
export { vserverManageHostLayout } from './host-layout.js';
