import { createApp } from '@backstage/frontend-defaults';
import { navModule } from './modules/nav';
import { signInModule } from './modules/signIn';

// Plugins are discovered from this package's dependencies (`app.packages: all`),
// so adding a plugin is a dependency change, not a code change here.
export default createApp({
  features: [navModule, signInModule],
});
