import { useEffect, useState } from 'react';
import { consolePath } from '../console-base';
import { attachReturn, hasPendingFlow, readReturn, sendReturn } from './oauth';

/**
 * Where the authorization server sends the browser back in a playground run. It needs no console sign-in:
 * it only hands the code to the playground (in this tab, or the tab that opened this one).
 */
export function PlaygroundCallback() {
  const [handedBack, setHandedBack] = useState(false);
  useEffect(() => {
    const value = readReturn(window.location.search);
    if (hasPendingFlow(value.state)) {
      attachReturn(value);
      window.location.replace(consolePath('/playground'));
      return;
    }
    sendReturn(value);
    setHandedBack(true);
  }, []);
  return (
    <div className="splash">
      <div className="card">
        <p className="brand">Flow playground</p>
        <h1>{handedBack ? 'Sent back to the playground' : 'Returning to the playground…'}</h1>
        {handedBack && <p>The authorization response went to the playground tab. You can close this tab.</p>}
      </div>
    </div>
  );
}
