export interface Config {
  app?: {
    /**
     * Sign-in providers the sign-in page offers, in order. Default `[guest]`
     * (development only); production uses `[github]`.
     * @visibility frontend
     */
    signInProviders?: Array<'guest' | 'github'>;
  };
}
