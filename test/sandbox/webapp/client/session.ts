// The signed-in company and its access token, in memory only, as the real app keeps them: a reload signs out.
export interface Session {
  token: string;
  enterpriseNumber: string;
}

let current: Session | undefined;

export function session(): Session | undefined {
  return current;
}

export function signIn(s: Session): void {
  current = s;
}

export function signOut(): void {
  current = undefined;
}
