import { useCallback, useState } from 'react';
import { api, call } from '../../api/client';
import { useNotify } from '../../components/Notify';
import { useErrorText } from '../../hooks/useErrorText';
import { useAppState } from '../../state/AppState';

/** Signs out through main and clears the local session. */
export function useSignOut(): { signOut: () => Promise<void>; signingOut: boolean } {
  const { setSession } = useAppState();
  const notify = useNotify();
  const errorText = useErrorText();
  const [signingOut, setSigningOut] = useState(false);
  const signOut = useCallback(async () => {
    setSigningOut(true);
    try {
      await call(api().auth.signOut({}));
      setSession(null);
    } catch (e) {
      notify('error', errorText(e));
    } finally {
      setSigningOut(false);
    }
  }, [errorText, notify, setSession]);
  return { signOut, signingOut };
}
