/*
 * Why a file could not be read as Terraform JSON. The CLI maps this to exit
 * code 2 and prints only the message, so it must say what to do next.
 */
export type TerraformDocumentProblem = 'empty' | 'not-terraform';

export class TerraformDocumentError extends Error {
  constructor(readonly problem: TerraformDocumentProblem, message: string) {
    super(message);
    this.name = 'TerraformDocumentError';
  }
}
