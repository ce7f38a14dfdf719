export { scaffolderModuleEnclave as default } from './module';
