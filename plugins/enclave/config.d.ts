/** The part of `dataEnclave` config the Enclave card reads in the browser. */
export interface Config {
  dataEnclave?: {
    /**
     * The platform team's current stack version; the card offers an upgrade
     * to environments on an older one.
     * @visibility frontend
     */
    stackVersion?: string;
  };
}
