import { vi } from '@faker-js/faker';
console.log(JSON.stringify(vi.location, null, 0).slice(0, 3000));
console.log(JSON.stringify(vi.company));
