import { createContext, useContext } from 'react';

/** A request to open one delivery; `seq` makes asking for the same one twice a new request. */
export interface DeliveryFocus {
  id: string;
  seq: number;
}

/** Moving between views from anywhere: a replay's original, a lab step's inbox delivery. */
export interface Navigation {
  focus: DeliveryFocus | null;
  openDelivery: (id: string) => void;
}

export const NavigationContext = createContext<Navigation>({ focus: null, openDelivery: () => {} });

export function useNavigation(): Navigation {
  return useContext(NavigationContext);
}
