// fixture of a hashed bundle
export const answer = 42;
